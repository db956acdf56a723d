/// PHOLD (Fujimoto 1990), the standard synthetic benchmark for discrete-event kernels,
/// run on `Simulation` exactly as `bench/phold/README.md` describes it.
///
/// N logical processes (LPs) start with M events each, due at Exp(mean 1) time units.
/// Delivering an event adds 1 to its LP's counter and schedules one new event at
/// now + Exp(mean 1) on an LP drawn uniformly from all N, so N·M events stay in flight;
/// the run stops after E deliveries. One time unit is one second of virtual time,
/// rounded to whole nanoseconds. Draws come from the GSL stream `"bench.phold"` in the
/// Python peers' order (initial delays LP by LP, then per event: delay, destination),
/// but from a different generator, so the numbers differ from Python's while the model
/// and its parameters are the same.
///
/// The kernel's cost is the point of the benchmark, so the model is a bare loop over
/// `Simulation.step()` with an `Int32` LP index as payload. It never reads the wall
/// clock: the caller times the call.
public struct PholdParameters: Hashable, Sendable {
    /// N: logical processes.
    public var lps: Int
    /// M: initial events per LP.
    public var perLP: Int
    /// E: events to deliver before stopping.
    public var events: Int
    /// Scenario seed; the stream `"bench.phold"` is derived from it.
    public var seed: UInt64

    public init(lps: Int = 1000, perLP: Int = 16, events: Int = 5_000_000, seed: UInt64 = 1) {
        self.lps = lps
        self.perLP = perLP
        self.events = events
        self.seed = seed
    }

    /// The name of the random stream PHOLD draws from.
    public static let streamName = "bench.phold"
}

/// What a PHOLD run computed; equal parameters give equal results.
public struct PholdResult: Hashable, Sendable, CustomStringConvertible {
    /// Events delivered (E, unless nothing was in flight).
    public let events: Int
    /// Virtual time of the last delivered event (zero if none).
    public let simulatedTime: SimInstant
    /// FNV-1a 64 over the per-LP counters in LP order, as `checksum()` in the Python peers.
    public let checksum: UInt64
    /// The derived 32-bit seed of the `"bench.phold"` stream.
    public let streamSeed: UInt32

    public var description: String {
        "events=\(events) sim_time=\(simulatedTime.nanosecondsSinceStart)ns checksum=\(checksum) "
            + "stream_seed=\(streamSeed)"
    }
}

/// Runs PHOLD with `parameters` and returns its result.
///
/// - Complexity: O((N·M + E) log(N·M)) time, O(N·M + N) memory; no allocation per event.
public func runPhold(_ parameters: PholdParameters) -> PholdResult {
    let lps = parameters.lps
    precondition(lps > 0 && lps <= Int(Int32.max), "PHOLD: lps must be in 1...Int32.max")
    precondition(parameters.perLP >= 0 && parameters.events >= 0, "PHOLD: negative count")
    let random = RandomStreams(seed: parameters.seed).stream(named: PholdParameters.streamName)
    var simulation = Simulation<Int32>(minimumCapacity: lps * parameters.perLP)
    for lp in 0..<lps {
        for _ in 0..<parameters.perLP {
            simulation.schedule(Int32(lp), after: pholdDelay(random))
        }
    }
    var counts = [UInt64](repeating: 0, count: lps)
    var delivered = 0
    while delivered < parameters.events, let event = simulation.step() {
        counts[Int(event.payload)] += 1
        delivered += 1
        let delay = pholdDelay(random)
        let destination = random.integer(below: lps)
        simulation.schedule(Int32(truncatingIfNeeded: destination), after: delay)
    }
    let lastTime = delivered == 0 ? SimInstant.zero : simulation.now
    return PholdResult(events: delivered, simulatedTime: lastTime,
                       checksum: SeedDerivation.fnv1a64Words(counts), streamSeed: random.seed)
}

/// Convenience spelling of `runPhold(PholdParameters(...))`.
public func runPhold(lps: Int, perLP: Int, events: Int, seed: UInt64) -> PholdResult {
    runPhold(PholdParameters(lps: lps, perLP: perLP, events: events, seed: seed))
}

/// Exp(mean 1) time units, one unit = 1 s, rounded to the nearest nanosecond.
private func pholdDelay(_ random: RandomStream) -> SimDuration {
    SimDuration(nanoseconds: Int64((random.exponential(mean: 1.0) * 1e9).rounded()))
}

extension SeedDerivation {
    /// The Python peers' `checksum(counts)`: FNV-1a's step over whole 64-bit words (each
    /// XORed in at once, not byte by byte), starting from the peers' literal
    /// 1469598103934665603. That is FNV's 64-bit offset basis (14695981039346656037)
    /// with its last digit dropped; it is kept so that both sides compute one function.
    static func fnv1a64Words(_ words: [UInt64]) -> UInt64 {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for word in words {
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
