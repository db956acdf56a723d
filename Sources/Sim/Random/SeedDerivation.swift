/// The fixed function that turns (scenario seed, stream name) into a GSL seed.
///
/// Each consumer of randomness draws from its own named stream, and each stream's seed
/// depends only on the scenario seed and the stream's name, so adding a stream, or
/// drawing more from one, never changes another stream's draws. `Hasher` is never used:
/// it is randomly seeded per process.
///
/// The function, exactly (all arithmetic wraps modulo 2^64):
///
///     h     = FNV-1a 64 over the UTF-8 bytes of the name
///             (offset basis 0xCBF29CE484222325, prime 0x100000001B3)
///     c[0]  = splitMix64(splitMix64(seed) ^ h)
///     c[k+1] = splitMix64(c[k])
///     fold(c) = low 32 bits of (c ^ (c >> 32))
///
/// where `splitMix64(x)` is the SplitMix64 output function applied to
/// `x + 0x9E3779B97F4A7C15` (Steele, Lea and Flood 2014). The stream's seed is
/// `fold(c[k])` for the first `k` whose fold is nonzero (GSL's mt19937 reads seed 0 as
/// 4357, which would make two seeds give one sequence) and, within one `RandomStreams`,
/// not already taken by an earlier name. GSL's mt19937 uses only 32 bits of its seed,
/// so two names collide with probability about n²/2³³ for n streams; the re-derivation
/// keeps such a rare clash from silently giving two consumers the same draws, at the
/// price of making the later name's seed depend on which names came first (recorded in
/// `StreamDerivation.attempt`, and printed with the run's seeds).
public enum SeedDerivation {
    /// FNV-1a, 64-bit, over `bytes`.
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// SplitMix64's output function applied to `x + golden gamma`: one step of the
    /// SplitMix64 generator whose state was `x`.
    public static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The 64-bit candidates `c[0], c[1], ...` for `name` under `seed` (see above).
    public static func candidate(seed: UInt64, name: String, attempt: Int) -> UInt64 {
        precondition(attempt >= 0)
        var c = splitMix64(splitMix64(seed) ^ fnv1a64(name.utf8))
        for _ in 0..<attempt { c = splitMix64(c) }
        return c
    }

    /// `fold(c)`: the 32-bit seed a 64-bit candidate gives.
    public static func fold(_ candidate: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: candidate ^ (candidate >> 32))
    }

    /// The 32-bit seed of `name` when no earlier name has taken it: `fold(c[k])` for the
    /// first k with a nonzero fold, and that k.
    public static func seed32(seed: UInt64, name: String,
                              isTaken: (UInt32) -> Bool = { _ in false }) -> (seed: UInt32, attempt: Int) {
        var attempt = 0
        var c = candidate(seed: seed, name: name, attempt: 0)
        while fold(c) == 0 || isTaken(fold(c)) {
            c = splitMix64(c)
            attempt += 1
        }
        return (fold(c), attempt)
    }
}
