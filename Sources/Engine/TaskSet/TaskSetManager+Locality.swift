/// Delay scheduling: which locality levels are valid, which one is allowed now, and when
/// the wait timer resets.
extension TaskSetManager {
    /// The levels this task set can use with the executors alive now: PROCESS_LOCAL if a
    /// pending executor preference is alive, NODE_LOCAL for hosts, NO_PREF if any no-pref
    /// task was queued, RACK_LOCAL for racks, and always ANY
    /// (`computeValidLocalityLevels`).
    ///
    /// - Complexity: O(1): the pending lists count their live keys as executors come and go.
    func computeValidLocalityLevels() -> [TaskLocality] {
        var levels: [TaskLocality] = []
        if pendingTasks.forExecutor.aliveKeyCount > 0 { levels.append(.processLocal) }
        if pendingTasks.forHost.aliveKeyCount > 0 { levels.append(.nodeLocal) }
        if !pendingTasks.noPrefs.isEmpty { levels.append(.noPref) }
        if pendingTasks.forRack.aliveKeyCount > 0 { levels.append(.rackLocal) }
        levels.append(.any)
        return levels
    }

    /// The most distant level delay scheduling allows at `now` (`getAllowedLocalityLevel`).
    ///
    /// Levels with no task left are skipped at once (SPARK-4939); otherwise the level moves
    /// on when its wait has passed since the last reset, and the reset time moves by that
    /// wait so the next level's timer does not expire at once.
    ///
    /// - Complexity: amortised O(levels): stale entries are dropped as they are met.
    func allowedLocalityLevel(now: EngineInstant, cluster: ExecutorRegistry) -> TaskLocality {
        // Closure literals passed straight to the calls (non-escaping: no allocation, no
        // copy of the registry, as a stored closure or a partially applied method makes).
        while currentLocalityIndex < myLocalityLevels.count - 1 {
            let moreTasks: Bool
            let tasks = progress
            switch myLocalityLevels[currentLocalityIndex] {
            case .processLocal:
                moreTasks = pendingTasks.forExecutor.hasTaskNeedingScheduling({ tasks[$0].needsScheduling },
                                                                              isAlive: { cluster.isExecutorAlive($0) })
            case .nodeLocal:
                moreTasks = pendingTasks.forHost.hasTaskNeedingScheduling({ tasks[$0].needsScheduling },
                                                                          isAlive: { cluster.hasExecutorsAlive(onHost: $0) })
            case .noPref:
                moreTasks = !pendingTasks.noPrefs.isEmpty
            case .rackLocal:
                moreTasks = pendingTasks.forRack.hasTaskNeedingScheduling({ tasks[$0].needsScheduling },
                                                                          isAlive: { cluster.hasHostAlive(onRack: $0) })
            case .any:
                moreTasks = true
            }
            let wait = localityWaits[currentLocalityIndex]
            if !moreTasks {
                lastLocalityWaitResetTime = now
                currentLocalityIndex += 1
            } else if (now - lastLocalityWaitResetTime).nanoseconds >= wait {
                lastLocalityWaitResetTime = lastLocalityWaitResetTime + EngineDuration(nanoseconds: wait)
                currentLocalityIndex += 1
            } else {
                return myLocalityLevels[currentLocalityIndex]
            }
        }
        return myLocalityLevels[currentLocalityIndex]
    }

    /// The index of `locality` in the valid levels, or of the next more distant level
    /// present (`getLocalityIndex`; the last level is always ANY).
    func localityIndex(of locality: TaskLocality) -> Int {
        var index = 0
        while locality > myLocalityLevels[index] { index += 1 }
        return index
    }

    /// Restarts the wait timer, and moves to `minLocality` when given
    /// (`resetDelayScheduleTimer`).
    func resetDelayScheduleTimer(_ minLocality: TaskLocality?, now: EngineInstant) {
        lastLocalityWaitResetTime = now
        if let minLocality { currentLocalityIndex = localityIndex(of: minLocality) }
    }

    /// Recomputes the valid levels after an executor came or went, keeping the current
    /// level, or moving to a newly valid more local one (SPARK-31837) (`recomputeLocality`).
    func recomputeLocality() {
        if isZombie { return }
        let previousIndex = currentLocalityIndex
        let previousLevel = myLocalityLevels[currentLocalityIndex]
        let previousLevels = myLocalityLevels
        myLocalityLevels = computeValidLocalityLevels()
        localityWaits = myLocalityLevels.map { config.localityWait($0, isBarrier: taskSet.isBarrier) }
        currentLocalityIndex = localityIndex(of: previousLevel)
        if currentLocalityIndex > previousIndex,
           let newLevel = myLocalityLevels.first(where: { !previousLevels.contains($0) }) {
            currentLocalityIndex = localityIndex(of: newLevel)
        }
    }

    /// Keeps the live-key counts of the pending lists in step with the cluster. Spark
    /// recomputes validity from scratch; counting as executors come and go gives the same
    /// answer at O(1) per manager per change.
    func livenessChanged(_ change: LivenessChange) {
        for lists in [\TaskSetManager.pendingTasks, \TaskSetManager.pendingSpeculatableTasks] {
            self[keyPath: lists].forExecutor.livenessChanged(key: change.executor, alive: change.alive)
            if change.hostChanged {
                self[keyPath: lists].forHost.livenessChanged(key: change.host, alive: change.alive)
            }
            if change.rackChanged, let rack = change.rack {
                self[keyPath: lists].forRack.livenessChanged(key: rack, alive: change.alive)
            }
        }
    }
}
