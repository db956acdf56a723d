import CGSL
import OrderedCollections

/// Every fault of a run, materialised before time starts: the timed events in order, each
/// host's slowdown schedule, and the per-item failure decision.
///
/// Building the plan is where randomness enters. For each `randomExecutorLoss` spec, every
/// executor present at time 0 (in the topology's add order) draws a time to failure from
/// stream `faults.executor-loss`; executors that join later draw when they join
/// (`drawLosses(forExecutor:joinedAt:)`, which `FaultInjector` calls), from the same
/// stream, in join order. An executor draws once per random-loss spec, in spec order. A
/// failure that falls after `horizon` is dropped (the draw is still made, so the stream's
/// sequence depends only on which executors joined). Explicit faults are kept whatever
/// their instant.
///
/// The plan is what makes a run replayable: the same specs, topology, seed and horizon give
/// the same events, bit for bit, and other streams (e.g. `faults.task-failure`) never shift
/// them.
///
/// - Complexity: O(f log f + e·r) to build, for f timed events, e executors, r random-loss
///   specs; `slowdownSchedule(forHost:)` O(1) expected.
public struct FaultPlan {
    /// The stream executors' times to failure are drawn from.
    public static let executorLossStream = "faults.executor-loss"
    /// The stream whose seed keys `RandomWorkFailures`.
    public static let workFailureStream = "faults.task-failure"

    /// The specs, in file order.
    public let specs: [FaultSpec]
    /// Random executor failures after this instant are not scheduled.
    public let horizon: SimInstant
    /// The events known before time starts, in plan order (`FaultEvent.precedes`).
    public private(set) var events: [FaultEvent]
    /// Whether a work item fails (`.none` when no spec asks for random work failures).
    public let workFailures: RandomWorkFailures
    /// Each straggling host's slowdown over the whole run, hosts in first-mention order.
    public let slowdowns: OrderedDictionary<String, SlowdownSchedule>
    /// Indexes in `specs` of the `randomExecutorLoss` specs, in file order.
    private let randomLossSpecs: [Int]
    private let lossStream: RandomStream?
    private var nextOrdinal: Int

    /// The plan of `specs` for a run that starts with `topology`'s live executors.
    public init(specs: [FaultSpec], topology: ClusterTopology, streams: RandomStreams, horizon: SimInstant) {
        var timed: [FaultEvent] = []
        var slowdowns: OrderedDictionary<String, SlowdownSchedule> = [:]
        var failureProbabilities: [Double] = []
        var randomLossSpecs: [Int] = []
        for (index, spec) in specs.enumerated() {
            Self.validate(spec)
            switch spec {
            case .straggler(let host, let slowdown, let from, let until) where until != from:
                let interval = SlowdownSchedule.Interval(factor: SlowdownFactor(slowdown), from: from, until: until)
                slowdowns[host, default: .none].add(interval)
            case .randomWorkFailures(let probability):
                failureProbabilities.append(probability)
            case .randomExecutorLoss:
                randomLossSpecs.append(index)
            default:
                break
            }
            for (instant, action) in Self.timedActions(of: spec) {
                timed.append(FaultEvent(instant: instant, specIndex: index, ordinal: timed.count, action: action))
            }
        }
        self.specs = specs
        self.horizon = horizon
        self.slowdowns = slowdowns
        self.randomLossSpecs = randomLossSpecs
        lossStream = randomLossSpecs.isEmpty ? nil : streams.stream(named: Self.executorLossStream)
        workFailures = failureProbabilities.isEmpty
            ? .none
            : RandomWorkFailures(probability: failureProbabilities.reduce(0) { $0 + $1 - $0 * $1 },
                                 streamSeed: streams.stream(named: Self.workFailureStream).seed)
        nextOrdinal = timed.count
        events = []
        for executor in topology.liveExecutors {
            timed += drawLosses(forExecutor: topology.executors[executor].id, joinedAt: .zero)
        }
        events = timed.sorted(by: FaultEvent.precedes)
    }

    /// The slowdown schedule of `host` (`.none` for a host no straggler names).
    public func slowdownSchedule(forHost host: String) -> SlowdownSchedule {
        slowdowns[host] ?? .none
    }

    /// Draws the times to failure of an executor that joins at `joinedAt`, one per
    /// random-loss spec in spec order, and returns the losses that fall within the horizon.
    public mutating func drawLosses(forExecutor id: String, joinedAt: SimInstant) -> [FaultEvent] {
        var losses: [FaultEvent] = []
        for index in randomLossSpecs {
            guard case .randomExecutorLoss(let mtbf, let distribution) = specs[index], let stream = lossStream else {
                preconditionFailure("FaultPlan: spec \(index) is not a random executor loss")
            }
            let ordinal = nextOrdinal
            nextOrdinal += 1
            let draw = Self.timeToFailure(mtbf: mtbf, distribution: distribution, stream: stream)
            guard let draw, let instant = joinedAt.advanced(by: draw), instant <= horizon else { continue }
            let action = FaultAction.loseExecutorAtRandom(executor: id, mtbf: mtbf, distribution: distribution)
            losses.append(FaultEvent(instant: instant, specIndex: index, ordinal: ordinal, action: action))
        }
        return losses
    }

    /// One time to failure, rounded up to a whole nanosecond; nil when it does not fit in
    /// 64-bit nanoseconds (the executor never fails within representable time).
    ///
    /// Exponential: `gsl_ran_exponential` with mean = MTBF. Weibull: `gsl_ran_weibull` with
    /// the given shape and scale = MTBF / Γ(1 + 1/shape) (`gsl_sf_gamma`), whose mean is
    /// the MTBF. One draw from `stream` either way.
    public static func timeToFailure(mtbf: SimDuration, distribution: LossDistribution,
                                     stream: RandomStream) -> SimDuration? {
        let mean = Double(mtbf.nanoseconds)
        let nanoseconds: Double
        switch distribution {
        case .exponential:
            nanoseconds = stream.exponential(mean: mean)
        case .weibull(let shape):
            nanoseconds = stream.weibull(scale: weibullScale(mean: mean, shape: shape), shape: shape)
        }
        let rounded = nanoseconds.rounded(.up)
        guard rounded.isFinite, rounded < 9.2e18 else { return nil }
        return SimDuration(nanoseconds: Int64(rounded))
    }

    /// The Weibull scale whose distribution with `shape` has mean `mean`.
    public static func weibullScale(mean: Double, shape: Double) -> Double {
        precondition(shape > 0 && shape.isFinite, "FaultPlan: Weibull shape must be positive, got \(shape)")
        let gamma = gsl_sf_gamma(1 + 1 / shape)
        precondition(gamma.isFinite && gamma > 0, "FaultPlan: Γ(1 + 1/\(shape)) is out of range")
        return mean / gamma
    }
}
