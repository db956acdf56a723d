import Engine
import Report
import Sim
import Workloads

/// `kind: application`: the phases of one Spark application on one simulated deployment,
/// one after another (`PhasedJobSource`): ETL jobs, then training, in one timeline.
///
/// Each phase is the job source its kind is alone (a `ScriptedPlan`, a `TrainingDriver`),
/// with its own stage-key prefix (`phase<i>/`) so that the phases' stages never meet in
/// the engine's shuffle registry. Every fault acts at its time from the start of the run;
/// task-level faults act on the scripted phase whose stage they name.
enum ApplicationRun {
    /// The stage-key prefix of phase `index`.
    static func keyPrefix(_ index: Int) -> String { "phase\(index)/" }

    static func run(_ scenario: Scenario, _ application: Scenario.ApplicationWorkload, variant: String,
                    streams: RandomStreams) -> (outcome: RunOutcome, summary: SummaryRow) {
        let setup = DeploymentSetup(scenario)
        var taskFaults = TaskFaultTable()
        var phases: [PhasedJobSource.Phase] = []
        var drivers: [Int: TrainingDriver] = [:]
        var benchmarks: [Int: (workload: Scenario.DeepLearningWorkload, points: [DeepLearningRun.PlannedPoint])] = [:]
        var collectives: [Int: Scenario.CollectiveWorkload] = [:]
        var liveness: (String) -> Bool = { _ in true }
        for (index, phase) in application.phases.enumerated() {
            let prefix = keyPrefix(index)
            if case .scripted(let scripted) = phase {
                taskFaults.merge(TaskFaultTable(scenario.faults, workload: scripted, keyPrefix: prefix))
                phases.append { ScriptedPlan(scripted, setup: setup, keyPrefix: prefix) }
            } else if let (trainer, training) = TrainingPlan.make(phase, scenario: scenario, streams: streams) {
                var training = training
                training.controlPlane = setup.engine.controlPlane
                let driver = TrainingDriver(setup: training, trainer: trainer, keyPrefix: prefix)
                drivers[index] = driver
                phases.append {
                    driver.isExecutorAlive = liveness
                    return driver
                }
            } else if case .collective(let workload) = phase {
                collectives[index] = workload
                let groups: [[String]]
                switch workload.participants {
                case .ranks(let count): groups = [scenario.cluster.hosts.prefix(count).map(\.id)]
                case .groups(let list): groups = list
                }
                let cpus = setup.spark.taskCPUs
                phases.append { CollectiveJobs(workload, groups: groups, cpusPerTask: cpus, keyPrefix: prefix) }
            } else if case .deepLearning(let workload) = phase {
                let points = workload.models.flatMap { name -> [DeepLearningRun.PlannedPoint] in
                    guard let profile = ModelProfile.named(name) else { preconditionFailure("validated model \(name)") }
                    return DeepLearningRun.plannedPoints(profile, workload, scenario: scenario)
                }
                benchmarks[index] = (workload, points)
                phases.append { benchmarkSource(points, keyPrefix: prefix, controlPlane: setup.engine.controlPlane) }
            } else {
                preconditionFailure("ApplicationRun: validated phase kind \(phase.kind)")
            }
        }
        let source = PhasedJobSource(phases)
        let (engine, deployment) = EngineRun.run(
            setup, source: source, taskFaults: taskFaults, streams: streams,
            makeEngine: SparkSchedulerFactory.make(for: setup)) { deployment in
                liveness = { [unowned deployment] id in deployment.cluster.topology.isLive(executor: id) }
            }
        var outcome = engine.outcome
        outcome.scope = .application
        let now = deployment.cluster.simulation.now
        let trained = drivers.mapValues { TrainingRun.result(of: $0, engine: engine, now: now) }
        outcome.phases = phaseRecords(application, source: source, trained: trained)
        for index in trained.keys.sorted() {
            outcome.criticalPath += trained[index]!.criticalPathSpans(barrier: trained[index]!.isBarrier)
        }
        for (index, workload) in collectives where index < source.started.count {
            outcome.phases[index].collectives = collectiveRecords(workload, keyPrefix: keyPrefix(index),
                                                                  deployment: deployment)
        }
        for (index, benchmark) in benchmarks where index < source.started.count {
            outcome.phases[index].deepLearning = DeepLearningRecord(
                setup: DeepLearningRun.setup(benchmark.workload, cluster: scenario.cluster),
                points: DeepLearningRun.rows(benchmark.points, benchmark.workload).map(\.point),
                published: benchmark.workload.published)
        }
        var summary = EngineRun.summary(engine, scenario: scenario, variant: variant)
        summary.simulated = RunScope.application.rawValue
        return (outcome, summary)
    }

    /// A deep-learning phase: each model and GPU count as one barrier job after another
    /// (a task per GPU, placed by the scheduler on the application's cluster), each running
    /// its point's steps; a point whose job fails (a fault) is left out of `scaling.csv`.
    private static func benchmarkSource(_ points: [DeepLearningRun.PlannedPoint], keyPrefix: String,
                                        controlPlane: ControlPlaneCosts) -> PhasedJobSource {
        PhasedJobSource(points.enumerated().map { index, point in
            {
                var training = DeepLearningRun.trainingSetup(point.program)
                training.controlPlane = controlPlane
                return TrainingDriver(setup: training, trainer: NoTrainer(),
                                      keyPrefix: "\(keyPrefix)\(point.model)-\(point.gpus)-\(index)/")
            }
        })
    }

    /// Each group's operation as its last stage attempt ran it (nil time: it never
    /// completed, e.g. a rank's host was lost, or never started).
    private static func collectiveRecords(_ workload: Scenario.CollectiveWorkload, keyPrefix: String,
                                          deployment: SimulatedDeployment) -> [CollectiveRecord] {
        let groups: Int
        switch workload.participants {
        case .ranks: groups = 1
        case .groups(let list): groups = list.count
        }
        return (0..<groups).map { group in
            let key = "\(keyPrefix)\(CollectiveJobs.jobName(group)).\(CollectiveJobs.stageName)"
            let started = deployment.backend.allreduceLog.last { $0.stageKey == key }
            let outcome = started.flatMap { deployment.cluster.collectives.outcome(of: $0.group) }
            let ranks: Int
            switch workload.participants {
            case .ranks(let count): ranks = count
            case .groups(let list): ranks = list[group].count
            }
            return CollectiveRecord(group: group, ranks: ranks, bytes: workload.bytes.bytes,
                                    algorithm: workload.algorithm.rawValue,
                                    durationNanoseconds: outcome?.duration.nanoseconds)
        }
    }

    /// Each phase as it ran: its span and its jobs; training phases with their iterations.
    private static func phaseRecords(_ application: Scenario.ApplicationWorkload, source: PhasedJobSource,
                                     trained: [Int: TrainingRun.Result]) -> [PhaseRecord] {
        application.phases.enumerated().map { index, phase in
            guard index < source.started.count else {
                return PhaseRecord(index: index, kind: phase.kind, startNanoseconds: nil, endNanoseconds: nil,
                                   jobsSubmitted: 0, jobsSucceeded: 0, jobsFailed: 0)
            }
            let progress = source.progress[index]
            var record = PhaseRecord(
                index: index, kind: phase.kind, startNanoseconds: source.phaseStarts[index].nanosecondsSinceStart,
                endNanoseconds: progress.end?.nanosecondsSinceStart, jobsSubmitted: progress.submitted,
                jobsSucceeded: progress.succeeded, jobsFailed: progress.failed)
            if let result = trained[index] {
                record.iterations = result.iterationRecords
                record.training = result.trainingRecord
            }
            return record
        }
    }
}
