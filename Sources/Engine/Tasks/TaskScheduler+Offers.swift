/// Offer rounds (Spark's `TaskSchedulerImpl.resourceOffers` and
/// `resourceOfferSingleTaskSet`).
extension TaskScheduler {
    /// The free resources of one round, indexed like the (shuffled) offers. The task
    /// scheduler keeps one and refills it every round (`clear` keeps the capacity), so a
    /// round after a task end allocates nothing of its own.
    struct RoundState {
        var offers: [WorkerOffer] = []
        /// The offers' executors' registry numbers, and their hosts' (-1 where the offer
        /// came from a caller, whose host may not be the one the executor registered on).
        var numbers: [Int32] = []
        var hostNumbers: [Int32] = []
        var profiles: [Int] = []
        var cpus: [Int] = []
        var gpus: [[GPUShare]] = []
        /// Launches in decision order, with the offer that got each.
        var launched: [(offer: Int, task: TaskDescription)] = []

        mutating func append(_ offer: WorkerOffer, number: Int32, hostNumber: Int32 = -1) {
            offers.append(offer)
            numbers.append(number)
            hostNumbers.append(hostNumber)
        }

        mutating func clear() {
            offers.removeAll(keepingCapacity: true)
            numbers.removeAll(keepingCapacity: true)
            hostNumbers.removeAll(keepingCapacity: true)
            profiles.removeAll(keepingCapacity: true)
            cpus.removeAll(keepingCapacity: true)
            gpus.removeAll(keepingCapacity: true)
            launched.removeAll(keepingCapacity: true)
        }

        /// The launches grouped by offer in the round's order, decision order within an
        /// offer (Spark's `resourceOffers(...).flatten` over per-offer buffers).
        func launchesByOffer() -> [TaskDescription] {
            guard offers.count > 1, launched.count > 1 else { return launched.map(\.task) }
            var start = Array(repeating: 0, count: offers.count + 1)
            for (offer, _) in launched { start[offer + 1] += 1 }
            for i in 1..<start.count { start[i] += start[i - 1] }
            var placed = [TaskDescription?](repeating: nil, count: launched.count)
            for (offer, task) in launched {
                placed[start[offer]] = task
                start[offer] += 1
            }
            return placed.map { $0! }
        }
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
        var round = takeScratchRound()
        for offer in offers { round.append(offer, number: registry.number(of: offer.executor)!) }
        return runRound(&round, isAllFreeResources: isAllFreeResources, now: now)
    }

    /// A round over every tracked executor (the glue's `makeOffers()`), or over one
    /// (`makeOffers(executorId)` after a task end): the same round as `resourceOffers`,
    /// built from the bookkeeping by executor number, with no lookup by executor id.
    mutating func resourceOffersFromBookkeeping(executorNumber: Int32?, now: EngineInstant) -> [TaskDescription] {
        var round = takeScratchRound()
        var offered = 0
        var shuffled = false
        if let executorNumber {
            if let (offer, hostNumber) = resources.numberedOffer(for: executorNumber) {
                round.append(offer, number: executorNumber, hostNumber: hostNumber)
                offered = 1
            }
        } else if healthTracker == nil {
            offered = appendOffersWithFreeCores(to: &round)
            shuffled = true
        } else {
            for number in resources.order {
                if let (offer, hostNumber) = resources.numberedOffer(for: number) {
                    round.append(offer, number: number, hostNumber: hostNumber)
                }
            }
            offered = round.offers.count
        }
        guard offered > 0 else {
            roundScratch = round
            return []
        }
        return runRound(&round, isAllFreeResources: executorNumber == nil, alreadyShuffled: shuffled, now: now)
    }

    /// A round over every tracked executor as Spark builds it (all of them, shuffled),
    /// less the offers with no free core, which no task can use (every task takes a core
    /// at least: `TaskResourceRequest`): they are skipped by every pass, count no slot
    /// for a barrier task set and launch nothing, so leaving them out changes no
    /// decision, and the shuffle draws the same numbers in the same order as over whole
    /// offers. At 100,000 busy executors the periodic round built, shuffled and scanned
    /// 100,000 offers to launch a handful; now it reads each executor's cell once, in
    /// registration order, and shuffles eight bytes per executor.
    ///
    /// - Returns: how many executors the round covers before the busy ones are left out.
    private mutating func appendOffersWithFreeCores(to round: inout RoundState) -> Int {
        var entries = fullRoundScratch
        defer { fullRoundScratch = entries }
        entries.removeAll(keepingCapacity: true)
        for number in resources.order {
            guard let free = resources.freeCoresIfOffered(number) else { continue }
            precondition(free >= 0 && free <= Int(UInt32.max), "executor \(number): \(free) free cores")
            entries.append(UInt64(UInt32(bitPattern: number)) << 32 | UInt64(free))
        }
        if configuration.shuffleOffers { shuffleOrder(count: entries.count) { entries.swapAt($0, $1) } }
        for entry in entries where entry & 0xFFFF_FFFF > 0 {
            let number = Int32(bitPattern: UInt32(entry >> 32))
            let (offer, hostNumber) = resources.numberedOffer(for: number)!
            round.append(offer, number: number, hostNumber: hostNumber)
        }
        return entries.count
    }

    private mutating func takeScratchRound() -> RoundState {
        var round = RoundState()
        swap(&round, &roundScratch)
        return round
    }

    /// Runs a round over the offers and numbers in `round`, then empties it back into the
    /// scratch slot.
    private mutating func runRound(_ round: inout RoundState, isAllFreeResources: Bool, alreadyShuffled: Bool = false,
                                   now: EngineInstant) -> [TaskDescription] {
        defer {
            round.clear()
            swap(&round, &roundScratch)
        }
        healthTracker?.applyExcludeOnFailureTimeout(now: now)
        abortUnschedulableTaskSets(now: now)
        if let healthTracker {
            let kept = round.offers.indices.filter {
                !healthTracker.isNodeExcluded(round.offers[$0].host)
                    && !healthTracker.isExecutorExcluded(round.offers[$0].executor)
            }
            round.offers = kept.map { round.offers[$0] }
            round.numbers = kept.map { round.numbers[$0] }
            round.hostNumbers = kept.map { round.hostNumbers[$0] }
        }
        if configuration.shuffleOffers && !alreadyShuffled {
            shuffle(&round.offers, &round.numbers, &round.hostNumbers)
        }
        for i in round.offers.indices {
            round.profiles.append(registry.profile(ofNumber: round.numbers[i]))
            round.cpus.append(round.offers[i].cores)
            round.gpus.append(round.offers[i].gpus)
        }
        if isAllFreeResources { reserveForLaunches(upTo: round.cpus.reduce(0, +), round: &round) }
        let sorted = pools.sortedManagers(managers)
        if newExecutorAvailable {
            for slot in sorted { managers[slot]!.recomputeLocality() }
            newExecutorAvailable = false
        }
        for slot in sorted {
            offerRound(to: slot, round: &round, isAllFreeResources: isAllFreeResources, now: now)
        }
        return round.launchesByOffer()
    }

    /// Makes room at once for what a round over many free cores may launch (every task
    /// takes a core at least): its launches, and two outputs each (the notification and
    /// the trace row). Growing by doubling instead copies each buffer as it fills, and the
    /// first round over 10,000 executors launches 40,000 tasks: the copies were a twelfth
    /// of that run's last-level cache misses (callgrind's cache simulation).
    private mutating func reserveForLaunches(upTo launches: Int, round: inout RoundState) {
        guard launches > Self.launchesWorthReserving else { return }
        round.launched.reserveCapacity(launches)
        outbox.items.reserveCapacity(outbox.items.count + 2 * launches)
    }

    /// Below this many free cores a round's buffers grow as they fill.
    private static var launchesWorthReserving: Int { 1_024 }

    /// Scala's `Random.shuffle` of the offers (`shuffleOrder`), with their executor and
    /// host numbers moved alongside.
    func shuffle(_ offers: inout [WorkerOffer], _ numbers: inout [Int32], _ hostNumbers: inout [Int32]) {
        shuffleOrder(count: offers.count) { i, k in
            offers.swapAt(i, k)
            numbers.swapAt(i, k)
            hostNumbers.swapAt(i, k)
        }
    }

    /// Scala's `Random.shuffle` over `count` positions, the swaps left to `swap`: for n
    /// from `count` down to 2, swap n-1 with a draw below n. Every round's shuffle draws
    /// through here, so the two ways of building a round draw the same numbers.
    private func shuffleOrder(count: Int, _ swap: (Int, Int) -> Void) {
        var n = count
        while n >= 2 {
            let k = random.nextInt(below: n)
            precondition(k >= 0 && k < n, "SchedulerRandom.nextInt(below: \(n)) gave \(k)")
            swap(n - 1, k)
            n -= 1
        }
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
            let hostNumber = round.hostNumbers[i]
            let numbers = TaskSetManager.ListNumbers(executor: round.numbers[i], host: hostNumber >= 0 ? hostNumber : nil)
            let result = managers[slot]!.resourceOffer(executor: offer.executor, host: offer.host, numbers: numbers,
                                                       maxLocality: maxLocality, cpus: cpus, gpus: gpus, now: now,
                                                       cluster: registry, nextTaskID: &nextTaskID, outbox: &outbox)
            noDelayRejects = noDelayRejects && !result.delayReject
            let locality: TaskLocality
            if let task = result.task {
                round.launched.append((i, task))
                recordLaunch(task.taskID, executor: round.numbers[i], slot: slot)
                resources.acquire(task.taskID, executor: round.numbers[i], cpus: cpus, gpus: gpus)
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
        registry.number(of: executor).flatMap { resources.offer(for: $0) }.map { [$0] } ?? []
    }

    /// The launched attempt's executor number for the glue's per-task path, `mutating`
    /// only so that the scheduler is read in place: a non-mutating call through a class's
    /// stored property (`SparkScheduler.tasks`) copies the whole task scheduler first,
    /// hundreds of retains per launch.
    mutating func executorNumberInPlace(ofLaunched task: TaskDescription) -> Int32 {
        trackedExecutorNumber(of: task.taskID) ?? registry.numberAssigningIfNew(task.executor)
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
        if let task = result.task {
            recordLaunch(task.taskID, executor: registry.numberAssigningIfNew(executor), slot: slot)
        }
        return result.task
    }
}
