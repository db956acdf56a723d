/// Offer rounds (Spark's `TaskSchedulerImpl.resourceOffers` and
/// `resourceOfferSingleTaskSet`).
extension TaskScheduler {
    /// The free resources of one round, indexed like the (shuffled) offers.
    struct RoundState {
        let offers: [WorkerOffer]
        let profiles: [Int]
        var cpus: [Int]
        var gpus: [[GPUShare]]
        var launched: [[TaskDescription]]
    }

    /// One offer round: task sets in pool order, each offered every executor at each of
    /// its locality levels, most local first, until a pass launches nothing.
    ///
    /// `isAllFreeResources` marks a round over all free resources (the periodic revive):
    /// a task set that launched without any delay reject then resets its locality timer;
    /// a partial round (one executor after a task end) resets it only while no reject
    /// happened since the last full round that reset it (SPARK-18886). Barrier task sets
    /// launch all their tasks in the round or none. Offers are shuffled through
    /// `SchedulerRandom` when `shuffleOffers` is on. Executors seen for the first time
    /// are registered, as Spark does (their resources stay the caller's to track).
    ///
    /// - Returns: the launches, grouped by offer in the round's order (Spark's
    ///   `resourceOffers(...).flatten`); TIDs follow decision order.
    /// - Complexity: O(task sets × levels × passes × offers) plus amortised O(1) per launch.
    public mutating func resourceOffers(_ offers: [WorkerOffer], isAllFreeResources: Bool,
                                        now: EngineInstant) -> [TaskDescription] {
        for offer in offers where !registry.isExecutorAlive(offer.executor) {
            register(ExecutorInfo(id: offer.executor, host: offer.host, rack: registry.rack(forHost: offer.host),
                                  cores: offer.cores, gpuAddresses: offer.gpus.map(\.address)), bookResources: false)
        }
        healthTracker?.applyExcludeOnFailureTimeout(now: now)
        abortUnschedulableTaskSets(now: now)
        var filtered = offers
        if let healthTracker {
            filtered = offers.filter {
                !healthTracker.isNodeExcluded($0.host) && !healthTracker.isExecutorExcluded($0.executor)
            }
        }
        let shuffled = configuration.shuffleOffers ? shuffle(filtered) : filtered
        var round = RoundState(offers: shuffled, profiles: shuffled.map { registry.profile(of: $0.executor) },
                               cpus: shuffled.map(\.cores), gpus: shuffled.map(\.gpus),
                               launched: Array(repeating: [], count: shuffled.count))
        let sorted = pools.sortedManagers(managers)
        if newExecutorAvailable {
            for slot in sorted { managers[slot]!.recomputeLocality() }
            newExecutorAvailable = false
        }
        for slot in sorted {
            offerRound(to: slot, round: &round, isAllFreeResources: isAllFreeResources, now: now)
        }
        return round.launched.flatMap { $0 }
    }

    /// Scala's `Random.shuffle`: for n from count down to 2, swap n-1 with a draw below n.
    func shuffle(_ offers: [WorkerOffer]) -> [WorkerOffer] {
        var buffer = offers
        var n = buffer.count
        while n >= 2 {
            let k = random.nextInt(below: n)
            precondition(k >= 0 && k < n, "SchedulerRandom.nextInt(below: \(n)) gave \(k)")
            buffer.swapAt(n - 1, k)
            n -= 1
        }
        return buffer
    }

    /// One task set's turn in a round (the body of Spark's loop over `sortedTaskSets`).
    private mutating func offerRound(to slot: Int, round: inout RoundState, isAllFreeResources: Bool,
                                     now: EngineInstant) {
        // Read scalars only: a local copy of the manager would make every mutation below
        // copy its arrays.
        let isBarrier = managers[slot]!.isBarrier
        if isBarrier {
            let available = availableSlots(for: managers[slot]!.taskSet, round: round)
            if available < managers[slot]!.numTasks { return }
        }
        let levels = managers[slot]!.myLocalityLevels
        var launchedAny = false
        var noDelayRejects = true
        var globalMinLocality: TaskLocality?
        for maxLocality in levels {
            var launchedAtLevel = false
            repeat {
                let (noReject, minLocality) = offerSingleTaskSet(slot, maxLocality: maxLocality, round: &round,
                                                                 now: now)
                launchedAtLevel = minLocality != nil
                launchedAny = launchedAny || launchedAtLevel
                noDelayRejects = noDelayRejects && noReject
                if let minLocality { globalMinLocality = min(globalMinLocality ?? minLocality, minLocality) }
            } while launchedAtLevel
        }
        if !configuration.legacyLocalityWaitReset {
            if noDelayRejects {
                if launchedAny && (isAllFreeResources || (managers[slot]!.noRejectsSinceLastReset ?? true)) {
                    managers[slot]!.resetDelayScheduleTimer(globalMinLocality, now: now)
                    managers[slot]!.noRejectsSinceLastReset = true
                }
            } else {
                managers[slot]!.noRejectsSinceLastReset = false
            }
        }
        checkSchedulable(slot, launchedAny: launchedAny, now: now)
        if launchedAny && isBarrier {
            completeBarrierRound(slot, round: &round, now: now)
        }
    }

    /// One pass over the offers at one locality cap (`resourceOfferSingleTaskSet`).
    /// Returns whether no offer met a delay reject, and the most local level launched.
    private mutating func offerSingleTaskSet(_ slot: Int, maxLocality: TaskLocality, round: inout RoundState,
                                             now: EngineInstant) -> (Bool, TaskLocality?) {
        var noDelayRejects = true
        var minLocality: TaskLocality?
        let taskSet = managers[slot]!.taskSet
        let cpus = taskSet.resources.cpus
        for i in round.offers.indices {
            guard configuration.canBeScheduled(taskProfile: taskSet.resourceProfile,
                                               executorProfile: round.profiles[i]),
                  round.cpus[i] >= cpus,
                  let gpus = GPUAmount.assign(taskSet.resources.gpus, from: round.gpus[i]) else { continue }
            let offer = round.offers[i]
            let result = managers[slot]!.resourceOffer(executor: offer.executor, host: offer.host,
                                                       maxLocality: maxLocality, cpus: cpus, gpus: gpus, now: now,
                                                       cluster: registry, nextTaskID: &nextTaskID, outbox: &outbox)
            noDelayRejects = noDelayRejects && !result.delayReject
            let locality: TaskLocality
            if let task = result.task {
                round.launched[i].append(task)
                recordLaunch(task.taskID, executor: offer.executor, slot: slot)
                resources.acquire(task.taskID, executor: offer.executor, cpus: cpus, gpus: gpus)
                locality = task.locality
            } else if let index = result.dequeuedIndex, taskSet.isBarrier {
                managers[slot]!.barrierPendingLaunchTasks[index]!.offerIndex = i
                managers[slot]!.barrierPendingLaunchTasks[index]!.cores = cpus
                managers[slot]!.noteBarrierPendingSize()
                locality = managers[slot]!.barrierPendingLaunchTasks[index]!.locality
            } else {
                continue
            }
            minLocality = min(minLocality ?? locality, locality)
            round.cpus[i] -= cpus
            GPUAmount.acquire(gpus, from: &round.gpus[i])
        }
        return (noDelayRejects, minLocality)
    }

    /// Slots free in this round for a barrier task set: Σ over offers that can run its
    /// profile of min(free cpus ÷ task cpus, ⌊GPU addresses ÷ task amount⌋), addresses
    /// counted busy or not, as Spark 4's `calculateAvailableSlots` counts them.
    func availableSlots(for taskSet: TaskSet, round: RoundState) -> Int {
        var total = 0
        for i in round.offers.indices
        where configuration.canBeScheduled(taskProfile: taskSet.resourceProfile, executorProfile: round.profiles[i]) {
            total += ExecutorResources.slots(cores: round.cpus[i], addresses: round.gpus[i].count,
                                             resources: taskSet.resources)
        }
        return total
    }

    // MARK: Offers from the bookkeeping (Spark's CoarseGrainedSchedulerBackend.makeOffers)

    /// Every active executor's free resources, in registration order.
    public func makeOffers() -> [WorkerOffer] { resources.offers() }

    /// One executor's free resources (after its task ended); empty if it is gone.
    public func makeOffers(executor: ExecutorID) -> [WorkerOffer] {
        resources.offer(for: executor).map { [$0] } ?? []
    }

    /// Total barrier slots of the live executors for a profile, busy or not (Spark's
    /// `maxNumConcurrentTasks`, used by the DAG scheduler's SPARK-24819 check).
    public func maxConcurrentTasks(resources request: TaskResourceRequest, profile: Int) -> Int {
        resources.maxConcurrentTasks(resources: request, profile: profile,
                                     canBeScheduled: configuration.canBeScheduled(taskProfile:executorProfile:))
    }

    /// Offers one executor to one stage attempt with a locality cap, as Spark's
    /// TaskSetManagerSuite calls `manager.resourceOffer` (no core or GPU accounting).
    public mutating func resourceOffer(to attempt: StageAttemptID, executor: ExecutorID, host: HostID,
                                       maxLocality: TaskLocality, now: EngineInstant) -> TaskDescription? {
        guard let slot = taskSetsByStage[attempt.stage]?[attempt.attempt] else { return nil }
        let cpus = managers[slot]!.taskSet.resources.cpus
        let result = managers[slot]!.resourceOffer(executor: executor, host: host, maxLocality: maxLocality, cpus: cpus,
                                                   gpus: [], now: now, cluster: registry, nextTaskID: &nextTaskID,
                                                   outbox: &outbox)
        if let task = result.task { recordLaunch(task.taskID, executor: executor, slot: slot) }
        return result.task
    }
}
