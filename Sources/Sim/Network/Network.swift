/// The contended network: transfers between hosts share link bandwidth max-min fairly,
/// at the flow level (SimGrid's model, without TCP correction factors).
///
/// A transfer first pays its route's latency (its bytes do not move), then moves its
/// bytes at the rate max-min fair sharing gives it on every link it crosses, and ends
/// when the last byte arrives. Shares are recomputed, by progressive filling, whenever a
/// transfer starts or stops moving bytes or a link's rate changes, and only over the
/// transfers connected to that change through shared links (see `Network+Sharing`):
/// a transfer on an uncontended path costs O(its route), not O(all transfers).
///
/// Against SimGrid (shared/validation/simgrid): its CM02 model, with latency and bandwidth
/// factors 1, pays the latency once and then shares bandwidth; it weights a contended link
/// by 1/(route latency) and bounds a flow by its TCP window over the round trip, where
/// this model is plain max-min with no window bound. Where contending transfers have equal
/// route latencies and windows do not bind (the published rows), the two agree.
///
/// Time: rates are `Double` bytes per second and remaining bytes are `Double`, updated
/// lazily (only when a transfer's rate changes); every instant is an integer nanosecond,
/// a completion rounded *up* so that no transfer ends early. All floating-point
/// operations happen in an order fixed by the inputs (transfer sequence numbers, link
/// numbers), so a run's completions are the same bytes on every machine.
///
/// Events: the network keeps at most one kernel event pending, its timer (`NetworkEvent`),
/// due at the earliest of: a latency ending, a completion, or "now" when shares must be
/// recomputed. Changes made at one instant (many transfers started by one handler) are
/// therefore shared out once, when the timer fires at that same instant, after the
/// events already queued for it. The model routes the timer to `handle(_:in:)`, which
/// returns the transfers that completed, in ascending `TransferID` order. Nothing is
/// reported synchronously: even an instantaneous transfer (ideal network, intra-host
/// without a rate) completes through the timer, at the instant it started.
///
/// The public entry points are thin generic wrappers, `@inlinable` as the kernel's hot
/// paths are, so that a model in another module specialises them for its payload; the
/// work is in non-generic methods compiled once, here.
///
/// - Complexity: `startTransfer`, `cancelTransfer` O(log n) plus the recomputation they
///   cause; a recomputation O(F·R + L log L) over the F transfers and L links of the
///   affected components (R ≤ 4 limited links per route); `abortTransfers` O(n).
///   With many transfers in one component ending at distinct instants (an all-to-all
///   of unequal sizes), each end costs O(component): max-min fairness can change every
///   rate in it.
public struct Network {
    /// Hosts, racks and links.
    public private(set) var topology: NetworkTopology
    var links: [LinkState] = []
    var flows: [FlowState] = []
    /// Hot data of progressive filling, by transfer slot, kept apart from `flows` so that
    /// a recomputation over tens of thousands of transfers walks small dense arrays:
    /// the limited links of each moving transfer's route, its mark (see `SharingPass`),
    /// and its current and newly computed rates.
    var routes: [SharingRoute] = []
    var marks: [UInt32] = []
    var rates: [Double] = []
    var newRates: [Double] = []
    /// The link each moving transfer's rate was fixed at by the last fill (-1 until the
    /// first): with each link's `FillRecord`, what `PropagationPass` re-runs from.
    var bottlenecks: [Int32] = []
    var freeSlots: [Int32] = []
    var nextSequence: UInt64 = 0
    /// When each transfer next needs attention (latency end or completion).
    var agenda = TransferDueQueue()
    /// Links whose transfers' shares must be recomputed before time moves on.
    var dirtyLinks: [Int32] = []
    /// Transfers currently moving bytes.
    public internal(set) var movingCount = 0
    /// Transfers started and not yet completed or aborted (in latency or moving).
    public internal(set) var activeCount = 0
    @usableFromInline var timer: (event: EventID, instant: SimInstant)?
    @usableFromInline var timerGeneration: UInt64 = 0
    var scratch = SharingScratch()
    /// How much sharing work the network has done (for benchmarks and incrementality tests).
    public internal(set) var statistics = NetworkStatistics()
    /// Which pass recomputes shares; both give the same rates, bit for bit (tests pin one).
    var sharingMode = SharingMode.automatic

    public init(topology: NetworkTopology) {
        self.topology = topology
        syncLinks()
    }

    /// Adds a host (a joining executor's machine) and returns its index.
    @discardableResult
    public mutating func addHost(rack: RackIndex) -> HostIndex {
        let host = topology.addHost(rack: rack)
        syncLinks()
        return host
    }

    /// Starts moving `bytes` from `source` to `destination`; `tag` is the caller's and
    /// comes back with the completion. The transfer pays its route's latency, then shares
    /// bandwidth. A zero-byte transfer still pays the latency (a message crosses); on the
    /// ideal network, and between two endpoints of one host without an intra-host rate,
    /// a transfer of any size completes at the instant it starts.
    ///
    /// - Complexity: O(log n) for n active transfers; the sharing it causes is done by
    ///   the timer, once for everything started at this instant.
    @inlinable @discardableResult
    public mutating func startTransfer<Payload: ClusterEventCarrying>(
        bytes: Int64, from source: HostIndex, to destination: HostIndex, tag: UInt64,
        in simulation: inout Simulation<Payload>
    ) -> TransferID {
        let id = enqueueTransfer(bytes: bytes, from: source, to: destination, tag: tag, now: simulation.now)
        syncTimer(in: &simulation)
        return id
    }

    /// Stops a transfer that has not completed; returns nil (a no-op) if it already
    /// ended. Bandwidth it held goes to the others at this instant.
    @inlinable @discardableResult
    public mutating func cancelTransfer<Payload: ClusterEventCarrying>(
        _ id: TransferID, in simulation: inout Simulation<Payload>
    ) -> AbortedTransfer? {
        let aborted = abort(id, now: simulation.now)
        syncTimer(in: &simulation)
        return aborted
    }

    /// Aborts every transfer from or to `host` (host loss), in ascending id order.
    @inlinable @discardableResult
    public mutating func abortTransfers<Payload: ClusterEventCarrying>(
        touching host: HostIndex, in simulation: inout Simulation<Payload>
    ) -> [AbortedTransfer] {
        let aborted = abortAll(touching: host, now: simulation.now)
        syncTimer(in: &simulation)
        return aborted
    }

    /// Scales `host`'s NIC links (both directions) to `factor` × their nominal rate, from
    /// now on: the `link-degraded` fault; factor 1 restores. Factor 0 stalls the
    /// host's transfers until the rate is restored.
    @inlinable
    public mutating func setLinkFactor<Payload: ClusterEventCarrying>(
        host: HostIndex, factor: Double, in simulation: inout Simulation<Payload>
    ) {
        applyLinkFactor(host: host, factor: factor)
        syncTimer(in: &simulation)
    }

    /// Delivers the network's timer: latencies that end now start moving bytes, transfers
    /// whose last byte arrives now complete, and shares are recomputed. Returns the
    /// completed transfers in ascending id order.
    @inlinable
    public mutating func handle<Payload: ClusterEventCarrying>(
        _ event: NetworkEvent, in simulation: inout Simulation<Payload>
    ) -> [CompletedTransfer] {
        precondition(event.generation == timerGeneration && timer != nil,
                     "Network: \(event) is not this network's pending timer")
        timer = nil
        let completed = advance(to: simulation.now)
        syncTimer(in: &simulation)
        return completed
    }

    /// Keeps exactly one kernel event pending, at the instant the network next needs.
    @inlinable
    internal mutating func syncTimer<Payload: ClusterEventCarrying>(in simulation: inout Simulation<Payload>) {
        let wanted = nextTimerInstant(now: simulation.now)
        if let current = timer {
            if current.instant == wanted { return }
            simulation.cancel(current.event)
            timer = nil
        }
        guard let wanted else { return }
        timerGeneration += 1
        let event = simulation.schedule(Payload(clusterEvent: .network(NetworkEvent(generation: timerGeneration))),
                                        at: wanted)
        timer = (event, wanted)
    }
}

/// Counters of the network's work since it was created.
public struct NetworkStatistics: Hashable, Sendable {
    /// Transfers started.
    public var transfersStarted = 0
    /// Recomputations of shares (at most one per timer pass, more when a change at an
    /// instant completes a transfer at that same instant).
    public var recomputations = 0
    /// Transfers visited by recomputations, summed: the cost of incrementality.
    public var transfersVisited = 0
    /// Links visited by recomputations, summed.
    public var linksVisited = 0
    /// Transfers whose rate changed in a recomputation, summed.
    public var rateChanges = 0
    /// The largest component (in transfers) one recomputation by re-filling covered.
    public var largestComponent = 0
    /// Recomputations done by propagating from the change (`PropagationPass`); for them,
    /// `transfersVisited` counts the transfers re-fixed and `linksVisited` the links re-run.
    public var propagations = 0
}

/// Which pass `Network.reshare` runs.
enum SharingMode {
    /// Propagation where the dirty links are crowded, re-filling elsewhere.
    case automatic
    /// Always re-fill whole components (`SharingPass`).
    case fill
    /// Always propagate from the change (`PropagationPass`).
    case propagation
}

/// One link's state: its rate, the transfers moving over it, its accounting, and scratch
/// space for the sharing computation (kept here so that it needs no allocation).
struct LinkState {
    /// Nominal rate in bytes per second (+infinity: never a bottleneck).
    var nominal: Double
    var factor: Double = 1
    /// `nominal * factor`.
    var capacity: Double
    /// Slots of the transfers moving bytes over this link, in no meaningful order (but a
    /// deterministic one: appends and swap-removals in event order).
    var flows: [Int32] = []
    /// Bytes of transfers that completed (all their bytes) or were aborted (what had
    /// moved) over this link; moving transfers are added when usage is read.
    var bytesCarried: Int64 = 0
    var busyNanoseconds: Int64 = 0
    var busySince: Int64 = 0
    var peakFlows = 0
    var isDirty = false
    // Sharing scratch (see SharingPass and PropagationPass).
    var mark: UInt32 = 0
    var version: UInt32 = 0
    var remainingCapacity: Double = 0
    var unfixed: Int32 = 0
    /// The order share of the link's pending heap entry, then of its fix (see `FillRecord`).
    var order: Double = 0
    /// The share the link fixed its transfers at in this pass, valid when `fixedIn == epoch`.
    var share: Double = 0
    var fixedIn: UInt32 = 0
    var tallyStamp: UInt32 = 0
    var tally: Int32 = 0
    var chargeStamp: UInt32 = 0
    var chargeCount: Int32 = 0
    /// What the last fill that covered this link did (see `FillRecord`).
    var record = FillRecord()
    /// The fixes of other links that reached this link in that fill, in order, when a
    /// propagation pass left them (`hasHistory`); a re-filling pass leaves none.
    var history: [RecordedFix] = []
    var hasHistory = false
    /// During a propagation pass: the history being written, and the next recorded
    /// fix to deliver.
    var nextHistory: [RecordedFix] = []
    var cursor: Int32 = 0

    init(nominal: Double) {
        self.nominal = nominal
        capacity = nominal
    }

    var isLimited: Bool { capacity.isFinite }
}

/// One transfer's state, in a reusable slot.
struct FlowState {
    static let freeSequence = UInt64.max

    var sequence: UInt64
    var tag: UInt64
    var bytes: Int64
    var source: Int32
    var destination: Int32
    var start: Int64
    var path: LinkPath
    /// `positions[k]` is this transfer's index in `links[path[k]].flows` while moving.
    var positions = LinkPositions()
    var isMoving = false
    /// Bytes still to move as of `updatedAt` (the rate is `Network.rates[slot]`).
    var remaining: Double
    var updatedAt: Int64

    var isFree: Bool { sequence == Self.freeSequence }
}

/// Four inline `Int32`s: a moving transfer's index in each of its links' lists.
struct LinkPositions {
    private var p0: Int32 = -1, p1: Int32 = -1, p2: Int32 = -1, p3: Int32 = -1

    subscript(position: Int) -> Int32 {
        get {
            switch position {
            case 0: return p0
            case 1: return p1
            case 2: return p2
            default: return p3
            }
        }
        set {
            switch position {
            case 0: p0 = newValue
            case 1: p1 = newValue
            case 2: p2 = newValue
            default: p3 = newValue
            }
        }
    }
}
