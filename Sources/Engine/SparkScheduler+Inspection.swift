/// Read-only views of the scheduler's state for checkers outside the engine (the
/// swarm's cross-layer invariants), which compare it with what the executors and the
/// cluster hold.
extension SparkScheduler {
    /// The attempts the task scheduler counts running, with their executors, by task id.
    public var runningAttempts: [(task: TaskID, executor: ExecutorID)] {
        tasks.trackedTasks.indices.compactMap { t in
            tasks.trackedExecutor(of: TaskID(t)).map { (TaskID(t), $0) }
        }
    }

    /// Whether the executor is registered (offered, able to hold tasks).
    public func isExecutorRegistered(_ executor: ExecutorID) -> Bool { tasks.registry.isExecutorAlive(executor) }

    /// Every registered map output: its shuffle (map stage key), map partition and status,
    /// shuffles in registration order.
    public func forEachMapOutput(_ body: (_ shuffle: String, _ mapPartition: Int, _ status: MapStatus) -> Void) {
        for (key, shuffle) in dag.mapOutputTracker.shuffles {
            for (partition, status) in shuffle.mapStatuses.enumerated() {
                if let status { body(key, partition, status) }
            }
        }
    }
}

extension SparkScheduler {
    /// Every live barrier task set: its stage attempt and how many tasks it has (a
    /// resubmitted barrier map stage runs only its missing partitions, as in Spark).
    public func forEachBarrierTaskSet(_ body: (_ stage: StageAttemptID, _ tasks: Int) -> Void) {
        for case let manager? in tasks.managers where manager.isBarrier { body(manager.taskSet.stage, manager.numTasks) }
    }
}
