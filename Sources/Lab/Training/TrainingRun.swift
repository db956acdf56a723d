import Engine
import Report
import Sim
import Workloads

/// A training workload run by the engine on the simulated cluster: the driver program
/// submits its jobs one after another, the executors run the training tasks' programs.
enum TrainingRun {
    static let scope = RunScope.training

    /// What a training run produced.
    struct Result {
        var engine: EngineRun.Result
        var iterations: [TimedIteration]
        var timeline: CriticalPath
        var trainingStart: SimInstant
        /// When the last iteration was reached or training stopped.
        var trainingEnd: SimInstant
        var restarts: Int
        var redoneIterations: Int
        var failure: String?
        var jobs: Int
        /// The trainer's reason for stopping (nil when it did not stop by itself).
        var stopReason: String?
        /// Barrier training (its communication is an allreduce, its driver work an update).
        var isBarrier = false
    }

    static func run(_ scenario: Scenario, setup: TrainingSetup, trainer: any PartitionedTrainer,
                    streams: RandomStreams) -> Result {
        // Task-level faults name scripted stages: a training run has none.
        let deployment = DeploymentSetup(scenario, cluster: scenario.cluster,
                                         faults: scenario.faults.filter { !$0.namesScriptedTask })
        return run(deployment, setup: setup, trainer: trainer, streams: streams)
    }

    /// Runs the training on a deployment of `deployment`.
    static func run(_ deploymentSetup: DeploymentSetup, setup: TrainingSetup,
                    trainer: any PartitionedTrainer, streams: RandomStreams) -> Result {
        var setup = setup
        setup.controlPlane = deploymentSetup.engine.controlPlane
        let driver = TrainingDriver(setup: setup, trainer: trainer)
        let (engine, deployment) = EngineRun.run(
            deploymentSetup, source: driver, taskFaults: TaskFaultTable(), streams: streams,
            makeEngine: SparkSchedulerFactory.make(for: deploymentSetup)) { deployment in
                driver.isExecutorAlive = { [unowned deployment] id in deployment.cluster.topology.isLive(executor: id) }
            }
        return result(of: driver, engine: engine, now: deployment.cluster.simulation.now)
    }

    /// What `driver` achieved in a run that ended at `now` with `engine`'s outcome.
    static func result(of driver: TrainingDriver, engine: EngineRun.Result, now: SimInstant) -> Result {
        Result(engine: engine, iterations: driver.records, timeline: driver.timeline,
               trainingStart: driver.trainingStart, trainingEnd: driver.trainingEnd ?? now, restarts: driver.restarts,
               redoneIterations: driver.redoneIterations,
               failure: driver.failure ?? (driver.isFinished ? nil : engine.outcome.unfinishedReason),
               jobs: driver.jobCount, stopReason: driver.trainer.stopReason,
               isBarrier: { if case .barrier = driver.setup.style { return true } else { return false } }())
    }
}
