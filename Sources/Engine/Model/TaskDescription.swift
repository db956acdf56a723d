/// A task attempt the scheduler decided to launch (Spark's `TaskDescription`).
public struct TaskDescription: Hashable, Sendable {
    public var taskID: TaskID
    public var stage: StageAttemptID
    public var partition: Int
    /// Earlier attempts of this partition within this stage attempt.
    public var attemptNumber: Int
    public var executor: ExecutorID
    public var host: HostID
    /// The level reported for the launch (`noPref` is reported as `processLocal`).
    public var locality: TaskLocality
    public var speculative: Bool
    public var cpus: Int
    /// GPU addresses assigned, in order (`gpu=0,1` in the trace).
    public var gpuAddresses: [String]
    /// Barrier tasks: every launched task's executor host, ordered by partition.
    public var barrierAddresses: [String]?

    public init(taskID: TaskID, stage: StageAttemptID, partition: Int, attemptNumber: Int,
                executor: ExecutorID, host: HostID, locality: TaskLocality, speculative: Bool,
                cpus: Int, gpuAddresses: [String] = [], barrierAddresses: [String]? = nil) {
        self.taskID = taskID
        self.stage = stage
        self.partition = partition
        self.attemptNumber = attemptNumber
        self.executor = executor
        self.host = host
        self.locality = locality
        self.speculative = speculative
        self.cpus = cpus
        self.gpuAddresses = gpuAddresses
        self.barrierAddresses = barrierAddresses
    }
}

/// The free part of one GPU address on an executor, in parts of one GPU.
public struct GPUShare: Hashable, Sendable {
    public var address: String
    /// 1.0 = the whole address is free; 0.25 tasks take a quarter each.
    public var free: Double

    public init(address: String, free: Double) {
        self.address = address
        self.free = free
    }
}

/// The free resources of one executor offered to the scheduler (Spark's `WorkerOffer`).
public struct WorkerOffer: Hashable, Sendable {
    public var executor: ExecutorID
    public var host: HostID
    public var cores: Int
    public var gpus: [GPUShare]

    public init(executor: ExecutorID, host: HostID, cores: Int, gpus: [GPUShare] = []) {
        self.executor = executor
        self.host = host
        self.cores = cores
        self.gpus = gpus
    }
}
