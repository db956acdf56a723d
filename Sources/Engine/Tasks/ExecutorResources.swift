import OrderedCollections

/// A share of one GPU address granted to a task, in parts of `GPUAmount.whole`.
struct GPUGrant: Hashable, Sendable {
    let address: String
    let units: Int64
}

/// Fractional GPU amounts as Spark 4 keeps them: integers, one address = 10^16 units
/// (`ResourceAmountUtils.RESOURCE_TOTAL_AMOUNT`), so 3 × 0.33 fit one address and a 4th
/// does not, with no floating-point drift.
enum GPUAmount {
    static let whole: Int64 = 10_000_000_000_000_000

    /// Spark's `toInternalResource` (truncating, as `toLong` does).
    static func units(_ amount: Double) -> Int64 { Int64(amount * Double(whole)) }

    /// Free units from `GPUShare.free`, rounded (the share came from exact units).
    static func freeUnits(_ free: Double) -> Int64 { Int64((free * Double(whole)).rounded()) }

    /// The free part of an address as `GPUShare.free`.
    static func fraction(_ units: Int64) -> Double { Double(units) / Double(whole) }

    /// Assigns `amount` GPUs from free shares, lowest address (string order) first
    /// (`ExecutorResourcesAmounts.assignAddressesCustomResources`): a whole free address
    /// at a time for whole amounts; a fraction from the first address with room for it.
    /// Returns nil when the offer cannot hold one more task; grants in Spark's map order.
    static func assign(_ amount: Double, from shares: [GPUShare]) -> [GPUGrant]? {
        guard amount > 0 else { return [] }
        let taskUnits = units(amount)
        var need = taskUnits
        var grants: [GPUGrant] = []
        for share in shares.sorted(by: { $0.address < $1.address }) where need > 0 {
            let free = freeUnits(share.free)
            if free == whole {
                let granted = need >= whole ? whole : need
                grants.append(GPUGrant(address: share.address, units: granted))
                need -= granted
            } else if free - need >= 0 {
                grants.append(GPUGrant(address: share.address, units: need))
                need = 0
            }
        }
        guard need == 0, !grants.isEmpty else { return nil }
        return ScalaHashOrder.ordered(grants, capacity: ScalaHashOrder.capacity(forMaximumSize: grants.count)) {
            ScalaHashOrder.hash(of: $0.address)
        }
    }

    /// Takes `grants` out of `shares` (Spark's `acquire`).
    static func acquire(_ grants: [GPUGrant], from shares: inout [GPUShare]) {
        for grant in grants {
            let i = shares.firstIndex { $0.address == grant.address }!
            let left = freeUnits(shares[i].free) - grant.units
            precondition(left >= 0, "GPU \(grant.address) over-assigned")
            shares[i].free = fraction(left)
        }
    }

    /// Gives `grants` back to `shares` (Spark's `release`).
    static func release(_ grants: [GPUGrant], to shares: inout [GPUShare]) {
        for grant in grants {
            let i = shares.firstIndex { $0.address == grant.address }!
            let total = freeUnits(shares[i].free) + grant.units
            precondition(total <= whole, "GPU \(grant.address) released twice")
            shares[i].free = fraction(total)
        }
    }
}

/// Each executor's free cores and GPU shares, as Spark's `CoarseGrainedSchedulerBackend`
/// keeps them (`ExecutorData.freeCores`, `ExecutorResourceInfo`): it builds the offers
/// of a round and takes back what a task held when it ends.
///
/// - Complexity: acquire and release O(GPUs of the executor); offers O(executors).
struct ExecutorResources {
    struct Executor {
        let info: ExecutorInfo
        var freeCores: Int
        /// Free units per GPU address, in the executor's address order.
        var gpuFree: [Int64]
        /// Loss reason pending (`disableExecutor`): no offers until the reason arrives.
        var disabled = false
        /// Attempts holding resources here.
        var tasks: Set<TaskID> = []
    }

    struct Grant {
        let executor: ExecutorID
        let cpus: Int
        let gpus: [GPUGrant]
    }

    private(set) var executors: OrderedDictionary<ExecutorID, Executor> = [:]
    private(set) var grants: [TaskID: Grant] = [:]

    mutating func add(_ info: ExecutorInfo) {
        executors[info.id] = Executor(info: info, freeCores: info.cores,
                                      gpuFree: Array(repeating: GPUAmount.whole, count: info.gpuAddresses.count))
    }

    mutating func disable(_ id: ExecutorID) { executors[id]?.disabled = true }

    /// Forgets the executor and what its tasks held (they died with it).
    mutating func remove(_ id: ExecutorID) {
        guard let executor = executors.removeValue(forKey: id) else { return }
        for tid in executor.tasks { grants[tid] = nil }
    }

    func offer(for id: ExecutorID) -> WorkerOffer? {
        guard let executor = executors[id], !executor.disabled else { return nil }
        let shares = zip(executor.info.gpuAddresses, executor.gpuFree).map {
            GPUShare(address: $0, free: GPUAmount.fraction($1))
        }
        return WorkerOffer(executor: id, host: executor.info.host, cores: executor.freeCores, gpus: shares)
    }

    /// Every active executor, in registration order (Spark's `makeOffers()`).
    func offers() -> [WorkerOffer] { executors.keys.compactMap { offer(for: $0) } }

    /// Books what a launched task holds, if its executor is tracked.
    mutating func acquire(_ tid: TaskID, executor id: ExecutorID, cpus: Int, gpus: [GPUGrant]) {
        guard let index = executors.index(forKey: id) else { return }
        precondition(executors.values[index].freeCores >= cpus, "executor \(id): \(cpus) cpus over free cores")
        executors.values[index].freeCores -= cpus
        for grant in gpus {
            let i = executors.values[index].info.gpuAddresses.firstIndex(of: grant.address)!
            precondition(executors.values[index].gpuFree[i] >= grant.units, "executor \(id): GPU over-assigned")
            executors.values[index].gpuFree[i] -= grant.units
        }
        executors.values[index].tasks.insert(tid)
        grants[tid] = Grant(executor: id, cpus: cpus, gpus: gpus)
    }

    /// Frees what the task held (on its end); nothing if it was not booked or its
    /// executor is gone.
    mutating func release(_ tid: TaskID) {
        guard let grant = grants.removeValue(forKey: tid),
              let index = executors.index(forKey: grant.executor) else { return }
        executors.values[index].freeCores += grant.cpus
        executors.values[index].tasks.remove(tid)
        precondition(executors.values[index].freeCores <= executors.values[index].info.cores,
                     "executor \(grant.executor): cores released twice")
        for gpu in grant.gpus {
            let i = executors.values[index].info.gpuAddresses.firstIndex(of: gpu.address)!
            executors.values[index].gpuFree[i] += gpu.units
            precondition(executors.values[index].gpuFree[i] <= GPUAmount.whole, "GPU \(gpu.address) released twice")
        }
    }

    /// Barrier slots: Σ over active executors that can run the profile of
    /// min(cores ÷ cpus, ⌊addresses ÷ GPU amount⌋), busy or not (Spark's
    /// `maxNumConcurrentTasks` through `calculateAvailableSlots`).
    func maxConcurrentTasks(resources: TaskResourceRequest, profile: Int,
                            canBeScheduled: (_ taskProfile: Int, _ executorProfile: Int) -> Bool) -> Int {
        executors.values.reduce(0) { total, executor in
            guard !executor.disabled, canBeScheduled(profile, executor.info.resourceProfile) else { return total }
            return total + Self.slots(cores: executor.info.cores, addresses: executor.info.gpuAddresses.count,
                                      resources: resources)
        }
    }

    /// Tasks one executor can hold at once.
    static func slots(cores: Int, addresses: Int, resources: TaskResourceRequest) -> Int {
        let byCores = cores / resources.cpus
        guard resources.gpus > 0 else { return byCores }
        return min(byCores, Int(Double(addresses) / resources.gpus))
    }

    /// Checks that no executor has more free than it owns, or less than nothing, and that
    /// bookings add up to what is missing.
    func checkInvariants() {
        var heldCores: [ExecutorID: Int] = [:]
        for grant in grants.values { heldCores[grant.executor, default: 0] += grant.cpus }
        for (id, executor) in executors {
            precondition(executor.freeCores >= 0 && executor.freeCores <= executor.info.cores,
                         "executor \(id): \(executor.freeCores) free of \(executor.info.cores) cores")
            precondition(executor.freeCores + (heldCores[id] ?? 0) == executor.info.cores,
                         "executor \(id): cores booked and free do not add up")
            precondition(executor.gpuFree.allSatisfy { $0 >= 0 && $0 <= GPUAmount.whole }, "executor \(id): GPU shares")
        }
    }
}
