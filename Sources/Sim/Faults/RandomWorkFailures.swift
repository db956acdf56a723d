/// The per-work-item failure decision of `FaultSpec.randomWorkFailures`: does this item
/// (say, one attempt of one piece of work) fail?
///
/// Keyed, not sequential. The decision for an item is a fixed function of the item's key
/// and the seed of stream `faults.task-failure`, not the next draw of a stream. So it does
/// not depend on how many decisions were asked before or in what order: a scheduler change
/// that launches work in another order still fails the same items, and the traces of two
/// versions stay comparable item by item. Sequential draws would shift every later
/// decision as soon as one extra item ran.
///
/// The function, exactly (arithmetic modulo 2⁶⁴, `splitMix64` as in `SeedDerivation`):
///
///     salt     = splitMix64(stream seed)
///     h        = splitMix64(splitMix64(key) ^ salt)
///     u        = (h >> 11) · 2⁻⁵³                      (uniform in [0, 1))
///     fails    = u < probability
///
/// A string key is first turned into a `UInt64` by FNV-1a 64 over its UTF-8 bytes.
///
/// - Complexity: O(1) per `UInt64` key, O(length) per string key.
public struct RandomWorkFailures: Hashable, Sendable {
    /// The chance that any one item fails (several specs combine as independent causes:
    /// 1 − Π(1 − pᵢ)).
    public let probability: Double
    /// `splitMix64` of the stream's seed.
    public let salt: UInt64

    /// Never fails anything.
    public static let none = RandomWorkFailures(probability: 0, salt: 0)

    /// A decision with `probability` keyed by the seed of `stream` (`faults.task-failure`).
    public init(probability: Double, streamSeed: UInt32) {
        self.init(probability: probability, salt: SeedDerivation.splitMix64(UInt64(streamSeed)))
    }

    init(probability: Double, salt: UInt64) {
        precondition(probability >= 0 && probability <= 1, "RandomWorkFailures: probability \(probability)")
        self.probability = probability
        self.salt = salt
    }

    /// The uniform number in [0, 1) that decides `key`.
    public func uniform(key: UInt64) -> Double {
        let h = SeedDerivation.splitMix64(SeedDerivation.splitMix64(key) ^ salt)
        return Double(h >> 11) * 0x1p-53
    }

    /// Whether the item with `key` fails.
    public func shouldFail(key: UInt64) -> Bool {
        probability > 0 && uniform(key: key) < probability
    }

    /// Whether the item with `key` (e.g. `"job0/map#0/3.1"`) fails.
    public func shouldFail(key: String) -> Bool {
        shouldFail(key: SeedDerivation.fnv1a64(key.utf8))
    }
}
