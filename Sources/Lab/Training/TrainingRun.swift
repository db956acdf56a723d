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
    }

    static func run(_ scenario: Scenario, setup: TrainingSetup, trainer: any PartitionedTrainer,
                    streams: RandomStreams, makeEngine: SchedulingEngineFactory) -> Result {
        var bare = scenario
        bare.faults = scenario.faults.filter { fault in
            switch fault {
            case .taskFailure, .fetchFailure: return false  // they name scripted stages
            default: return true
            }
        }
        let plan = ScriptedPlan(Scenario.ScriptedWorkload(jobs: []), scenario: bare)
        let deployment = SimulatedDeployment(bare, plan: plan, streams: streams, horizon: EngineRun.faultHorizon)
        var setup = setup
        setup.launchOverhead = scenario.engine.taskLaunchOverhead
        let driver = TrainingDriver(setup: setup, trainer: trainer, plan: plan,
                                    driverHost: deployment.cluster.topology.hosts[0].index)
        driver.isExecutorAlive = { [unowned deployment] id in deployment.cluster.topology.isLive(executor: id) }
        deployment.attach(driver)
        let settings = EngineRunSettings(
            conf: scenario.spark, pools: scenario.pools, maxTaskFailures: scenario.taskMaxFailures,
            shuffleOffers: scenario.engine.shuffleOffers, taskOnlyProfileIDs: plan.taskOnlyProfileIDs)
        deployment.start(makeEngine(settings, deployment.environment))
        let stop = deployment.run(stallLimit: EngineRun.stallLimit)
        let engine = EngineRun.result(of: deployment, scenario: scenario, stop: stop)
        let end = driver.trainingEnd ?? deployment.cluster.simulation.now
        return Result(engine: engine, iterations: driver.records, timeline: driver.timeline,
                      trainingStart: driver.trainingStart, trainingEnd: end, restarts: driver.restarts,
                      redoneIterations: driver.redoneIterations,
                      failure: driver.failure ?? (driver.isFinished ? nil : engine.outcome.unfinishedReason),
                      jobs: driver.jobCount)
    }
}
