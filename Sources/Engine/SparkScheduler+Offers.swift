/// Offer rounds and the periodic timers (Spark's `CoarseGrainedSchedulerBackend.makeOffers`,
/// its revive thread, and `TaskSchedulerImpl`'s speculation thread).
extension SparkScheduler {
    func requestFullRound() {
        fullRoundRequested = true
        scheduleOfferRound()
    }

    func requestOffer(for executor: Int32) {
        while queuedForOffer.count <= Int(executor) { queuedForOffer.append(false) }
        if !queuedForOffer[Int(executor)] {
            queuedForOffer[Int(executor)] = true
            executorsToOffer.append(executor)
        }
        scheduleOfferRound()
    }

    func scheduleOfferRound() {
        guard !offerRoundPending else { return }
        offerRoundPending = true
        _ = environment.timers.schedule(.offerRound, at: now)
    }

    /// Runs the offers requested at this instant: one round over all executors when any
    /// was asked for (it covers the single-executor requests), otherwise one partial round
    /// per executor whose task ended, in the order the task ends were applied.
    func runOfferRounds() {
        offerRoundPending = false
        let full = fullRoundRequested
        let executors = executorsToOffer
        fullRoundRequested = false
        executorsToOffer.removeAll(keepingCapacity: true)
        for executor in executors { queuedForOffer[Int(executor)] = false }
        if full {
            launch(tasks.resourceOffersFromBookkeeping(executorNumber: nil, now: now))
        } else {
            for executor in executors {
                launch(tasks.resourceOffersFromBookkeeping(executorNumber: executor, now: now))
            }
        }
        // The result-getter thread gets to the failures after those offers (it revives
        // offers for the tasks that must run again: another round at this instant).
        while tasks.handleNextDeferredFailure(now: now) { drainTaskScheduler() }
    }

    /// Performs a round's decisions, then hands its launches to the backend.
    private func launch(_ launches: [TaskDescription]) {
        drainTaskScheduler()
        for task in launches {
            let t = task.taskID.rawValue
            while executorOfTask.count <= t { executorOfTask.append(-1) }
            executorOfTask[t] = tasks.executorNumberInPlace(ofLaunched: task)
            environment.backend.launch(task)
        }
    }

    func handleTimer(_ timer: EngineTimer) {
        switch timer {
        case .offerRound:
            runOfferRounds()
        case .revive:
            reviveArmed = false
            requestFullRound()
            armPeriodicTimers()
        case .speculationCheck:
            speculationArmed = false
            if tasks.checkSpeculatableTasks(now: now) { requestFullRound() }
            drainTaskScheduler()
            armPeriodicTimers()
        case .resubmitFailedStages, .barrierSlotCheck:
            perform(dag.handleTimer(timer, now: now, maxConcurrentTasks: slots))
        }
    }

    /// Keeps the revive and speculation ticks on their grid (multiples of the interval
    /// from time 0) while there is work. Spark's threads tick forever; ticks with no task
    /// set do nothing observable, and skipping them lets a run end.
    func armPeriodicTimers() {
        guard !tasks.isIdle else { return }
        if !reviveArmed {
            reviveArmed = true
            _ = environment.timers.schedule(.revive, at: nextTick(after: now, every: reviveInterval))
        }
        if let speculationInterval, !speculationArmed {
            speculationArmed = true
            _ = environment.timers.schedule(.speculationCheck, at: nextTick(after: now, every: speculationInterval))
        }
    }

    /// The first multiple of `interval` strictly after `instant`.
    private func nextTick(after instant: EngineInstant, every interval: EngineDuration) -> EngineInstant {
        EngineInstant(nanoseconds: (instant.nanoseconds / interval.nanoseconds + 1) * interval.nanoseconds)
    }
}
