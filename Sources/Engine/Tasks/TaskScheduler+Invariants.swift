/// Consistency checks run after every event in tests (STYLE.md habit 7).
extension TaskScheduler {
    /// Traps if the scheduler's structures disagree: every tracked attempt belongs to a
    /// live manager that counts it running; pools count exactly their managers' running
    /// attempts; no finished manager lingers (but one whose failures wait for the
    /// result-getter thread); cores and GPUs are never over-assigned.
    ///
    /// - Complexity: O(attempts + managers + executors).
    public func checkInvariants() {
        var tracked = 0
        for t in trackedTasks.indices {
            let tid = TaskID(t)
            precondition(trackedTasks[t].isTracked == (trackedTasks[t].executor >= 0),
                         "\(tid): manager slot and executor disagree on tracking")
            guard trackedTasks[t].isTracked else { continue }
            tracked += 1
            guard let manager = managers[Int(trackedTasks[t].managerSlot)] else {
                preconditionFailure("\(tid) points at a dropped task set")
            }
            precondition(manager.slot(of: tid).map(manager.runningTasksSet.contains(slot:)) == true,
                         "\(tid) tracked but not running in its task set")
        }
        precondition(tracked == trackedTaskCount, "tracked task count drifted")
        var expected = Array(repeating: 0, count: pools.nodes.count)
        for slot in managers.indices {
            guard let manager = managers[slot] else { continue }
            precondition(!manager.isFinished || deferredFailures.contains { $0.slot == slot },
                         "finished \(manager.taskSet.stage) still held")
            let indexed = taskSetsByStage[manager.taskSet.stage.stage]?[manager.taskSet.stage.attempt]
            precondition(indexed == slot || manager.isZombie,
                         "\(manager.taskSet.stage) not indexed by stage")
            var pool: Int? = manager.pool
            while let id = pool {
                expected[id] += manager.runningTasks
                pool = pools.nodes[id].parent
            }
            manager.checkInvariants(cluster: registry)
        }
        for (id, node) in pools.nodes.enumerated() {
            precondition(node.runningTasks == expected[id], "pool '\(node.name)' counts \(node.runningTasks) running")
        }
        let active = taskSetsByStage.values.map { attempts in
            attempts.values.filter { !managers[$0]!.isZombie }.count
        }
        precondition(active.allSatisfy { $0 <= 1 }, "more than one active attempt of a stage")
        resources.checkInvariants()
    }
}

extension TaskSetManager {
    /// Traps if per-task counters disagree with the attempts, or the live-key counts of
    /// the pending lists drifted from the cluster.
    func checkInvariants(cluster: ExecutorRegistry) {
        precondition(tasksSuccessful == progress.filter(\.successful).count, "\(taskSet.stage): tasksSuccessful drifted")
        precondition(progress.allSatisfy { $0.copiesRunning >= 0 }, "\(taskSet.stage): negative copiesRunning")
        for tid in runningTasksSet.members {
            guard let info = info(tid) else { preconditionFailure("\(tid) running but unknown") }
            precondition(info.isRunning, "\(tid) in the running set but finished")
        }
        precondition(attempts.filter(\.isRunning).count >= runningTasksSet.count, "running set too large")
        for lists in [pendingTasks, pendingSpeculatableTasks] {
            precondition(lists.forExecutor.aliveKeyCount == lists.forExecutor.countAliveKeys(cluster.isExecutorAlive),
                         "\(taskSet.stage): live executor keys drifted")
            precondition(lists.forHost.aliveKeyCount == lists.forHost.countAliveKeys(cluster.hasExecutorsAlive),
                         "\(taskSet.stage): live host keys drifted")
            precondition(lists.forRack.aliveKeyCount == lists.forRack.countAliveKeys(cluster.hasHostAlive),
                         "\(taskSet.stage): live rack keys drifted")
        }
        precondition(myLocalityLevels.last == .any && localityWaits.count == myLocalityLevels.count,
                     "\(taskSet.stage): locality levels malformed")
        precondition(currentLocalityIndex < myLocalityLevels.count, "\(taskSet.stage): locality index out of range")
    }
}
