import CPrefetch
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
/// - Complexity: acquire O(GPUs), release O(GPUs + tasks running on the executor);
///   offers O(executors).
struct ExecutorResources {
    /// By registry number: the executor as it registered, nil when not tracked. What
    /// changes per task (free cores, held tasks) lives in the cores cells below, so that a
    /// task end touches its executor's cell and not a whole record.
    private(set) var infos: [ExecutorInfo?] = []
    /// By registry number: what a launch, an end and an offer read and change, in one
    /// 96-byte cell (at 100,000 executors, four parallel arrays were four cache misses
    /// per task end).
    private var cores: [ExecutorCores] = []
    /// Free units per GPU address, in the executor's address order.
    private var gpuFree: [[Int64]] = []
    /// Tracked executors in registration order (Spark's `makeOffers()` order).
    private(set) var order: OrderedSet<Int32> = []
    /// By TID: the executor number holding the grant (-1 for none) and the cores granted,
    /// side by side (one cache line per task end, not two).
    private var grants: [CoreGrant] = []
    /// GPU grants by TID, for the (few) tasks that hold GPUs.
    private var gpuGrants: [TaskID: [GPUGrant]] = [:]
    /// Tasks holding a grant.
    private(set) var grantCount = 0

    /// Tracks an executor under its registry number; `hostNumber` is its host's registry
    /// number, handed back with each of its offers.
    mutating func add(_ info: ExecutorInfo, number: Int32, hostNumber: Int32) {
        while infos.count <= Int(number) {
            infos.append(nil)
            cores.append(ExecutorCores())
            gpuFree.append([])
        }
        let index = Int(number)
        infos[index] = info
        cores[index] = ExecutorCores(id: info.id, host: info.host, hostNumber: hostNumber, free: info.cores,
                                     total: info.cores, tracked: true, hasGPUs: !info.gpuAddresses.isEmpty)
        gpuFree[index] = Array(repeating: GPUAmount.whole, count: info.gpuAddresses.count)
        order.append(number)
    }

    func isTracked(_ number: Int32) -> Bool { Int(number) < cores.count && cores[Int(number)].tracked }

    mutating func disable(_ number: Int32) {
        guard isTracked(number) else { return }
        cores[Int(number)].disabled = true
    }

    /// Forgets the executor and what its tasks held (they died with it).
    mutating func remove(_ number: Int32) {
        guard isTracked(number) else { return }
        let index = Int(number)
        for tid in cores[index].held.elements {
            precondition(grants[tid.rawValue].executor == number, "\(tid) held on the wrong executor")
            dropGrant(tid)
        }
        infos[index] = nil
        cores[index].tracked = false
        cores[index].hasGPUs = false
        cores[index].held.removeAll()
        gpuFree[index] = []
        order.remove(number)
    }

    func offer(for number: Int32) -> WorkerOffer? { numberedOffer(for: number)?.offer }

    /// The free cores of an executor that would be offered (tracked, not disabled); nil
    /// for one that would not. Reads the executor's cell only, nothing built.
    func freeCoresIfOffered(_ number: Int32) -> Int? {
        isOffered(number) ? cores[Int(number)].free : nil
    }

    /// Whether a round offers the executor: tracked and not disabled.
    private func isOffered(_ number: Int32) -> Bool { isTracked(number) && !cores[Int(number)].disabled }

    /// The executor's offer with its host's registry number.
    func numberedOffer(for number: Int32) -> (offer: WorkerOffer, hostNumber: Int32)? {
        guard isOffered(number) else { return nil }
        let index = Int(number)
        var shares: [GPUShare] = []
        // The cell says whether to look: an executor without GPUs costs no second load
        // (at 100,000 executors the free-unit arrays' pointers miss the cache).
        if cores[index].hasGPUs {
            shares = zip(infos[index]!.gpuAddresses, gpuFree[index]).map {
                GPUShare(address: $0, free: GPUAmount.fraction($1))
            }
        }
        let cell = cores[index]
        return (WorkerOffer(executor: cell.id, host: cell.host, cores: cell.free, gpus: shares), cell.hostNumber)
    }

    /// Every active executor, in registration order (Spark's `makeOffers()`).
    func offers() -> [WorkerOffer] { order.compactMap { offer(for: $0) } }

    /// Books what a launched task holds, if its executor is tracked.
    mutating func acquire(_ tid: TaskID, executor number: Int32, cpus: Int, gpus: [GPUGrant]) {
        guard isTracked(number) else { return }
        let index = Int(number)
        precondition(cores[index].free >= cpus, "executor \(infos[index]!.id): \(cpus) cpus over free cores")
        cores[index].free -= cpus
        for grant in gpus {
            let i = infos[index]!.gpuAddresses.firstIndex(of: grant.address)!
            precondition(gpuFree[index][i] >= grant.units, "executor \(infos[index]!.id): GPU over-assigned")
            gpuFree[index][i] -= grant.units
        }
        cores[index].held.append(tid)
        let t = tid.rawValue
        while grants.count <= t { grants.append(CoreGrant()) }
        precondition(grants[t].executor < 0, "\(tid) booked twice")
        grants[t] = CoreGrant(executor: number, cpus: Int32(cpus))
        if !gpus.isEmpty { gpuGrants[tid] = gpus }
        grantCount += 1
    }

    /// Starts loading executor `number`'s cell ahead of a task end on it. Changes nothing.
    func prefetchCell(ofNumber number: Int32) {
        guard number >= 0, Int(number) < cores.count else { return }
        cores.withUnsafeBufferPointer { sparksim_prefetch_for_write($0.baseAddress! + Int(number)) }
    }

    /// Frees what the task held (on its end); nothing if it was not booked or its
    /// executor is gone.
    mutating func release(_ tid: TaskID) {
        let t = tid.rawValue
        guard t < grants.count, grants[t].executor >= 0 else { return }
        let number = grants[t].executor
        let cpus = Int(grants[t].cpus)
        let gpus = gpuGrants.isEmpty ? [] : gpuGrants[tid] ?? []
        dropGrant(tid)
        guard isTracked(number) else { return }
        let index = Int(number)
        guard let position = cores[index].held.firstIndex(of: tid) else {
            preconditionFailure("\(tid) holds cores on executor \(infos[index]!.id) that does not list it")
        }
        cores[index].held.swapRemove(at: position)
        cores[index].free += cpus
        precondition(cores[index].free <= cores[index].total, "executor \(infos[index]!.id): cores released twice")
        for gpu in gpus {
            let i = infos[index]!.gpuAddresses.firstIndex(of: gpu.address)!
            gpuFree[index][i] += gpu.units
            precondition(gpuFree[index][i] <= GPUAmount.whole, "GPU \(gpu.address) released twice")
        }
    }

    private mutating func dropGrant(_ tid: TaskID) {
        let t = tid.rawValue
        guard t < grants.count, grants[t].executor >= 0 else { return }
        grants[t] = CoreGrant()
        if !gpuGrants.isEmpty { gpuGrants[tid] = nil }
        grantCount -= 1
    }

    /// Barrier slots: Σ over active executors that can run the profile of
    /// min(cores ÷ cpus, ⌊addresses ÷ GPU amount⌋), busy or not (Spark's
    /// `maxNumConcurrentTasks` through `calculateAvailableSlots`).
    func maxConcurrentTasks(resources: TaskResourceRequest, profile: Int,
                            canBeScheduled: (_ taskProfile: Int, _ executorProfile: Int) -> Bool) -> Int {
        order.reduce(0) { total, number in
            let info = infos[Int(number)]!
            guard !cores[Int(number)].disabled, canBeScheduled(profile, info.resourceProfile) else { return total }
            return total + Self.slots(cores: info.cores, addresses: info.gpuAddresses.count, resources: resources)
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
        var heldCores = Array(repeating: 0, count: infos.count)
        var heldAttempts = Array(repeating: 0, count: infos.count)
        var held = 0
        for grant in grants where grant.executor >= 0 {
            held += 1
            if isTracked(grant.executor) {
                heldCores[Int(grant.executor)] += Int(grant.cpus)
                heldAttempts[Int(grant.executor)] += 1
            }
        }
        precondition(held == grantCount, "grant count drifted")
        for number in order {
            let index = Int(number)
            let info = infos[index]!
            precondition(cores[index].free >= 0 && cores[index].free <= info.cores,
                         "executor \(info.id): \(cores[index].free) free of \(info.cores) cores")
            precondition(cores[index].free + heldCores[index] == info.cores,
                         "executor \(info.id): cores booked and free do not add up")
            precondition(cores[index].held.count == heldAttempts[index]
                            && cores[index].held.elements.allSatisfy { grants[$0.rawValue].executor == number },
                         "executor \(info.id): its held attempts are not exactly those granted on it")
            precondition(gpuFree[index].allSatisfy { $0 >= 0 && $0 <= GPUAmount.whole }, "executor \(info.id): GPU shares")
        }
    }
}

/// The cores one attempt holds, and where (`ExecutorResources.grants`).
private struct CoreGrant {
    var executor: Int32 = -1
    var cpus: Int32 = 0
}

/// One executor's cores as `ExecutorResources` books them (Spark's `ExecutorData.freeCores`
/// and `totalCores`), with whether it is tracked and whether its loss reason is pending,
/// its id and host (and the host's registry number), and the attempts holding a grant on
/// it: an offer reads this one cell and not the whole `ExecutorInfo`, and a launch and an
/// end change the held attempts where they change the free cores (at 100,000 executors a
/// separate list per executor cost two cache misses per launch).
private struct ExecutorCores {
    var id: ExecutorID = ""
    var host: HostID = ""
    var hostNumber: Int32 = -1
    private var freeCount: Int32 = 0
    private var totalCount: Int32 = 0
    var tracked = false
    /// Loss reason pending (`disableExecutor`): no offers until the reason arrives.
    var disabled = false
    /// Whether the executor registered GPU addresses (so `gpuFree` has entries for it).
    var hasGPUs = false
    /// Attempts holding a grant here, exactly (an executor's removal drops their grants).
    var held = InlineTaskIDList()

    init() {}

    init(id: ExecutorID, host: HostID, hostNumber: Int32, free: Int, total: Int, tracked: Bool, hasGPUs: Bool) {
        self.id = id
        self.host = host
        self.hostNumber = hostNumber
        freeCount = Int32(free)
        totalCount = Int32(total)
        self.tracked = tracked
        self.hasGPUs = hasGPUs
    }

    var free: Int {
        get { Int(freeCount) }
        set { freeCount = Int32(newValue) }
    }

    var total: Int { Int(totalCount) }
}
