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
/// Executors are found by their registry number and grants by TID, in dense arrays: a
/// launch and an end cost no hashing.
///
/// - Complexity: acquire and release O(GPUs + tasks of the executor); offers O(executors).
struct ExecutorResources {
    struct Executor {
        let info: ExecutorInfo
        var freeCores: Int
        /// Free units per GPU address, in the executor's address order.
        var gpuFree: [Int64]
        /// Loss reason pending (`disableExecutor`): no offers until the reason arrives.
        var disabled = false
        /// Attempts holding resources here (a few: an array).
        var tasks: [TaskID] = []
    }

    /// By registry number; nil when not tracked.
    private(set) var executors: [Executor?] = []
    /// Tracked executors in registration order (Spark's `makeOffers()` order).
    private(set) var order: OrderedSet<Int32> = []
    /// By TID: the executor number holding the grant, -1 for none.
    private var grantExecutor: [Int32] = []
    /// By TID: the cores granted.
    private var grantCPUs: [Int32] = []
    /// GPU grants by TID, for the (few) tasks that hold GPUs.
    private var gpuGrants: [TaskID: [GPUGrant]] = [:]
    /// Tasks holding a grant.
    private(set) var grantCount = 0

    mutating func add(_ info: ExecutorInfo, number: Int32) {
        while executors.count <= Int(number) { executors.append(nil) }
        executors[Int(number)] = Executor(info: info, freeCores: info.cores,
                                          gpuFree: Array(repeating: GPUAmount.whole, count: info.gpuAddresses.count))
        order.append(number)
    }

    func isTracked(_ number: Int32) -> Bool { Int(number) < executors.count && executors[Int(number)] != nil }

    mutating func disable(_ number: Int32) {
        guard isTracked(number) else { return }
        executors[Int(number)]!.disabled = true
    }

    /// Forgets the executor and what its tasks held (they died with it).
    mutating func remove(_ number: Int32) {
        guard isTracked(number) else { return }
        for tid in executors[Int(number)]!.tasks { dropGrant(tid) }
        executors[Int(number)] = nil
        order.remove(number)
    }

    func offer(for number: Int32) -> WorkerOffer? {
        // Fields read where they are stored: a copy of the whole `Executor` per offer
        // showed in profiles of full rounds over 10,000 executors.
        guard isTracked(number), !executors[Int(number)]!.disabled else { return nil }
        let index = Int(number)
        var shares: [GPUShare] = []
        if !executors[index]!.gpuFree.isEmpty {
            shares = zip(executors[index]!.info.gpuAddresses, executors[index]!.gpuFree).map {
                GPUShare(address: $0, free: GPUAmount.fraction($1))
            }
        }
        return WorkerOffer(executor: executors[index]!.info.id, host: executors[index]!.info.host,
                           cores: executors[index]!.freeCores, gpus: shares)
    }

    /// Every active executor, in registration order (Spark's `makeOffers()`).
    func offers() -> [WorkerOffer] { order.compactMap { offer(for: $0) } }

    /// Books what a launched task holds, if its executor is tracked.
    mutating func acquire(_ tid: TaskID, executor number: Int32, cpus: Int, gpus: [GPUGrant]) {
        guard isTracked(number) else { return }
        let index = Int(number)
        precondition(executors[index]!.freeCores >= cpus,
                     "executor \(executors[index]!.info.id): \(cpus) cpus over free cores")
        executors[index]!.freeCores -= cpus
        for grant in gpus {
            let i = executors[index]!.info.gpuAddresses.firstIndex(of: grant.address)!
            precondition(executors[index]!.gpuFree[i] >= grant.units,
                         "executor \(executors[index]!.info.id): GPU over-assigned")
            executors[index]!.gpuFree[i] -= grant.units
        }
        executors[index]!.tasks.append(tid)
        let t = tid.rawValue
        while grantExecutor.count <= t {
            grantExecutor.append(-1)
            grantCPUs.append(0)
        }
        precondition(grantExecutor[t] < 0, "\(tid) booked twice")
        grantExecutor[t] = number
        grantCPUs[t] = Int32(cpus)
        if !gpus.isEmpty { gpuGrants[tid] = gpus }
        grantCount += 1
    }

    /// Frees what the task held (on its end); nothing if it was not booked or its
    /// executor is gone.
    mutating func release(_ tid: TaskID) {
        let t = tid.rawValue
        guard t < grantExecutor.count, grantExecutor[t] >= 0 else { return }
        let index = Int(grantExecutor[t])
        let cpus = Int(grantCPUs[t])
        let gpus = gpuGrants[tid] ?? []
        dropGrant(tid)
        guard isTracked(Int32(index)) else { return }
        executors[index]!.freeCores += cpus
        if let i = executors[index]!.tasks.firstIndex(of: tid) {
            executors[index]!.tasks.swapAt(i, executors[index]!.tasks.count - 1)
            executors[index]!.tasks.removeLast()
        }
        precondition(executors[index]!.freeCores <= executors[index]!.info.cores,
                     "executor \(executors[index]!.info.id): cores released twice")
        for gpu in gpus {
            let i = executors[index]!.info.gpuAddresses.firstIndex(of: gpu.address)!
            executors[index]!.gpuFree[i] += gpu.units
            precondition(executors[index]!.gpuFree[i] <= GPUAmount.whole, "GPU \(gpu.address) released twice")
        }
    }

    private mutating func dropGrant(_ tid: TaskID) {
        let t = tid.rawValue
        guard t < grantExecutor.count, grantExecutor[t] >= 0 else { return }
        grantExecutor[t] = -1
        grantCPUs[t] = 0
        if !gpuGrants.isEmpty { gpuGrants[tid] = nil }
        grantCount -= 1
    }

    /// Barrier slots: Σ over active executors that can run the profile of
    /// min(cores ÷ cpus, ⌊addresses ÷ GPU amount⌋), busy or not (Spark's
    /// `maxNumConcurrentTasks` through `calculateAvailableSlots`).
    func maxConcurrentTasks(resources: TaskResourceRequest, profile: Int,
                            canBeScheduled: (_ taskProfile: Int, _ executorProfile: Int) -> Bool) -> Int {
        order.reduce(0) { total, number in
            let executor = executors[Int(number)]!
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
        var heldCores = Array(repeating: 0, count: executors.count)
        var held = 0
        for t in grantExecutor.indices where grantExecutor[t] >= 0 {
            held += 1
            if isTracked(grantExecutor[t]) { heldCores[Int(grantExecutor[t])] += Int(grantCPUs[t]) }
        }
        precondition(held == grantCount, "grant count drifted")
        for number in order {
            let executor = executors[Int(number)]!
            let id = executor.info.id
            precondition(executor.freeCores >= 0 && executor.freeCores <= executor.info.cores,
                         "executor \(id): \(executor.freeCores) free of \(executor.info.cores) cores")
            precondition(executor.freeCores + heldCores[Int(number)] == executor.info.cores,
                         "executor \(id): cores booked and free do not add up")
            precondition(executor.gpuFree.allSatisfy { $0 >= 0 && $0 <= GPUAmount.whole }, "executor \(id): GPU shares")
        }
    }
}
