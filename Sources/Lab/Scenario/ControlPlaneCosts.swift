import Sim

/// The time real Spark spends around jobs, stages and tasks besides the tasks' own work
/// (`engine.control_plane`): its driver's single scheduling thread, result-getter
/// threads and RPCs, its executors' deserialisation and JVM warm-up, the Python driver
/// between actions, and MLlib's own driver work and JVM row overhead.
///
/// Why simulated work and not a fudge on task durations: these costs queue (a stage of
/// 1,000 tasks leaves the driver one task at a time; results wait for a result-getter
/// thread) and overlap with the tasks' work, so they have to be served where Spark spends
/// them. The deployment serves the driver's costs on one `DriverThread` and the
/// executors' before and after a task's program; the job sources add the driver
/// program's own time between jobs. Every default is measured on real Spark 4.3 event
/// logs recorded on the project machine (results/validation/control-plane-2026-12-05.md)
/// and documented with its source in docs/spark-config.md ("Control plane").
///
/// `none` (every cost zero) is the idealised control plane of conformance scenarios,
/// where a scripted task's times are exact.
public struct ControlPlaneCosts: Sendable, Equatable {
    // The driver's scheduling thread (DAGScheduler's event loop and the scheduler
    // backend's endpoint, one event at a time).

    /// Handling a submitted job (JobSubmitted: the job's stages created) before its first
    /// stage is submitted.
    public var jobSubmit = SimDuration.milliseconds(5)
    /// Submitting a stage (`submitMissingTasks`: serialising and broadcasting its task
    /// binary) before its tasks can leave the driver.
    public var stageSubmit = SimDuration.milliseconds(12)
    /// Serialising one task and sending its LaunchTask message, on the driver thread.
    public var taskLaunch = SimDuration(nanoseconds: 500_000)
    /// Handling one task's end on the driver thread (TaskSetManager and DAGScheduler
    /// completion events), after its result-getter thread is done with it.
    public var taskEnd = SimDuration(nanoseconds: 500_000)
    /// Deserialising one task's result on a result-getter thread
    /// (`spark.resultGetter.threads` of them serve results in parallel).
    public var resultGetter = SimDuration.milliseconds(1)
    /// One RPC message's latency between the driver and an executor (LaunchTask out,
    /// StatusUpdate back).
    public var rpcLatency = SimDuration.milliseconds(3)

    // Executors.

    /// Deserialising one task on its executor before its run starts (part of
    /// executorDeserializeTime).
    public var taskDeserialize = SimDuration.milliseconds(2)
    /// Fetching and deserialising a stage's task binary (a broadcast) on an executor: paid
    /// by the stage attempt's first task there; its tasks that arrive meanwhile wait for
    /// the same fetch, later ones find it cached.
    public var taskBinary = SimDuration.milliseconds(40)
    /// The extra deserialisation time of the tasks an executor JVM deserialises before its
    /// first task is ready (class loading and JIT warm-up); nil = the master's default:
    /// `local[N]` (the executor is the driver's JVM, warmed by the session start) or a
    /// separate executor JVM.
    public var executorWarmup: SimDuration?
    /// Serialising a task's result on the executor (resultSerializationTime).
    public var resultSerialize = SimDuration.milliseconds(1)

    // The driver program.

    /// A PySpark driver between one action's result and its next action's submission
    /// (py4j round trips, the result back in Python): charged to a scripted job that runs
    /// `after:` another.
    public var actionGap = SimDuration.milliseconds(60)
    /// Each Python task's round trip to its Python worker (the function and its input sent,
    /// the output back): charged to the tasks of workloads that run Python.
    public var pythonTask = SimDuration.milliseconds(50)
    /// An executor's Python worker starting, before its first Python task's code runs
    /// (forked from the daemon, pyspark imported); a training workload's own
    /// `python_worker_startup` overrides it.
    public var pythonWorkerStartup = SimDuration.milliseconds(1_600)
    /// CPU work of starting one executor JVM of a `local-cluster` master, shared with the
    /// others starting on the host's physical cores: a what-if import with another executor
    /// count moves its first jobs by the difference (`sparksim replay --executors`). In 16
    /// real local-cluster runs on the project's 2-core machine (scenarios/replay/logs) the
    /// last executor registered at 5.46 s (1 executor, mean of 7), 7.88 s (2, of 7) and
    /// 10.16 s (3, of 2) after the application started: least squares 2.37 s more per JVM,
    /// 4.74 s of CPU on 2 cores.
    public var executorLaunch = SimDuration.milliseconds(4_740)

    // MLlib in the JVM (task-parallel training).

    /// MLlib's driver work from `fit` being called to its first job.
    public var mllibFitStart = SimDuration.milliseconds(900)
    /// The driver's work after the summary pass before the first optimisation job
    /// (instances blockified and persisted, aggregator and optimiser built).
    public var mllibSetup = SimDuration.milliseconds(1_600)
    /// The driver's work between two optimisation jobs (result to the driver, the
    /// optimiser's update, coefficients broadcast, the next RDD built), besides the
    /// update's own FLOPs.
    public var mllibIteration = SimDuration.milliseconds(75)
    /// The driver's work after the last job before `fit` returns (model and summary).
    public var mllibFitEnd = SimDuration.milliseconds(700)
    /// The extra run time of a data task whose code has not yet run to completion on its
    /// executor JVM (JIT warm-up of a new code path: the summary, then the loss/gradient).
    public var mllibCodeWarmup = SimDuration.milliseconds(800)
    /// MLlib's fixed run time of a data task on one core besides the arithmetic (the
    /// aggregator built, the broadcast coefficients read, the cached blocks opened), at the
    /// default core rate; a scenario's `cluster.cpu.flops_per_core` scales it as it scales
    /// the arithmetic.
    public var mllibTask = SimDuration.milliseconds(20)
    /// MLlib's per-row time on one core besides the arithmetic (cached rows iterated into
    /// its aggregator), at the default core rate, scaled the same way.
    public var mllibRow = SimDuration(nanoseconds: 50)

    public init() {}

    /// Every cost zero: the idealised control plane.
    public static let none: ControlPlaneCosts = {
        var costs = ControlPlaneCosts()
        for name in durationNames { costs[duration: name] = .zero }
        costs.executorWarmup = .zero
        return costs
    }()

    /// The executor warm-up under `local[N]` (the driver's JVM): the first task's
    /// deserialisation in real run a (local[4]) was 138 ms against 13 ms later.
    public static let localMasterWarmup = SimDuration.milliseconds(125)
    /// The executor warm-up in a fresh executor JVM: first-task deserialisation 342-1,258 ms
    /// (median 542 ms) in the local-cluster runs, against 0-43 ms later.
    public static let separateJVMWarmup = SimDuration.milliseconds(530)

    /// The warm-up this deployment's executors pay.
    public func warmup(localMaster: Bool) -> SimDuration {
        executorWarmup ?? (localMaster ? Self.localMasterWarmup : Self.separateJVMWarmup)
    }

    /// The scenario names of the costs that are durations, in documentation order.
    public static let durationNames = [
        "job_submit", "stage_submit", "task_launch", "task_end", "result_getter", "rpc_latency",
        "task_deserialize", "task_binary", "result_serialize", "action_gap", "python_task", "python_worker_startup",
        "mllib_fit_start", "mllib_setup", "mllib_iteration", "mllib_fit_end", "mllib_code_warmup", "mllib_task", "mllib_row",
        "executor_launch",
    ]
    /// Every name `engine.control_plane` accepts as a mapping key.
    public static let names = durationNames + ["executor_warmup"]

    /// A duration cost by its scenario name.
    public subscript(duration name: String) -> SimDuration {
        get { self[keyPath: Self.keyPath(name)] }
        set { self[keyPath: Self.keyPath(name)] = newValue }
    }

    private static func keyPath(_ name: String) -> WritableKeyPath<ControlPlaneCosts, SimDuration> {
        switch name {
        case "job_submit": return \.jobSubmit
        case "stage_submit": return \.stageSubmit
        case "task_launch": return \.taskLaunch
        case "task_end": return \.taskEnd
        case "result_getter": return \.resultGetter
        case "rpc_latency": return \.rpcLatency
        case "task_deserialize": return \.taskDeserialize
        case "task_binary": return \.taskBinary
        case "result_serialize": return \.resultSerialize
        case "action_gap": return \.actionGap
        case "python_task": return \.pythonTask
        case "python_worker_startup": return \.pythonWorkerStartup
        case "mllib_fit_start": return \.mllibFitStart
        case "mllib_setup": return \.mllibSetup
        case "mllib_iteration": return \.mllibIteration
        case "mllib_fit_end": return \.mllibFitEnd
        case "mllib_code_warmup": return \.mllibCodeWarmup
        case "mllib_task": return \.mllibTask
        case "mllib_row": return \.mllibRow
        case "executor_launch": return \.executorLaunch
        default: preconditionFailure("ControlPlaneCosts: no duration named \(name)")
        }
    }
}
