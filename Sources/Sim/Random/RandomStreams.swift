import OrderedCollections

/// How one named stream got its seed; a run prints these with its scenario seed.
public struct StreamDerivation: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// The 32-bit seed given to GSL's mt19937.
    public let seed: UInt32
    /// 0 normally; k > 0 when the first k candidates were zero or already taken by an
    /// earlier name (see `SeedDerivation`).
    public let attempt: Int

    public var description: String {
        attempt == 0 ? "\(name)=\(seed)" : "\(name)=\(seed) (re-derived \(attempt)x)"
    }
}

/// The random streams of one run: one GSL mt19937 generator per consumer name, each
/// seeded from the scenario seed and the name by `SeedDerivation`.
///
/// Asking twice for the same name returns the same stream object, so two parts of a
/// model never replay each other's draws by accident. Names are handed out in program
/// order and recorded in that order (`derivations`), never in hash order.
///
/// A class, not a struct, because it hands out shared `RandomStream` references; like
/// them it belongs to one simulation on one thread.
public final class RandomStreams {
    /// The scenario seed everything derives from.
    public let seed: UInt64
    private var streams: OrderedDictionary<String, RandomStream> = [:]
    /// Which name owns each 32-bit seed (membership only, never iterated).
    private var ownerOfSeed: [UInt32: String] = [:]
    private var attempts: [Int] = []

    public init(seed: UInt64) {
        disableGSLAbort()
        self.seed = seed
    }

    /// The stream for `name` (e.g. `"faults.executor-loss"`), created on first use.
    ///
    /// - Complexity: O(length of name) expected.
    public func stream(named name: String) -> RandomStream {
        if let existing = streams[name] { return existing }
        let derived = SeedDerivation.seed32(seed: seed, name: name) { ownerOfSeed[$0] != nil }
        ownerOfSeed[derived.seed] = name
        let stream = RandomStream(name: name, seed: derived.seed)
        streams[name] = stream
        attempts.append(derived.attempt)
        return stream
    }

    /// Every stream handed out so far, in the order they were first asked for.
    public var derivations: [StreamDerivation] {
        zip(streams.values, attempts).map {
            StreamDerivation(name: $0.name, seed: $0.seed, attempt: $1)
        }
    }
}
