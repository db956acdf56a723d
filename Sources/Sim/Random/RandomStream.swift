import CGSL

/// GSL's default error handler aborts the process; sparksim checks arguments itself
/// (preconditions with a message) instead. A global `let` runs once, thread-safely.
private let gslAbortDisabled: Void = sparksim_gsl_disable_abort()

func disableGSLAbort() { gslAbortDisabled }

/// One named sequence of random draws: a GSL mt19937 generator and its seed.
///
/// GSL's generators and samplers are fixed algorithms, so a seed gives the same draws
/// on every platform and Swift version; the standard library's generator and
/// `shuffled()` promise no such thing. Every draw goes through GSL (`gsl_rng_*`,
/// `gsl_ran_*`), and `shuffle` uses only `integer(below:)`.
///
/// A final class because it owns a C allocation (freed in `deinit`); not `Sendable`,
/// because a stream belongs to one simulation on one thread.
public final class RandomStream {
    /// The name the stream was derived from (`"workload.data"`), for logs.
    public let name: String
    /// The 32-bit seed given to `gsl_rng_set`; runs print it with their scenario seed.
    public let seed: UInt32
    let generator: UnsafeMutablePointer<gsl_rng>

    /// A stream with an explicit seed. Models get their streams from `RandomStreams`;
    /// this initialiser is for tools and tests that need one fixed generator.
    /// `seed` must be nonzero: mt19937 treats 0 as 4357, so 0 would alias another seed.
    public init(name: String, seed: UInt32) {
        precondition(seed != 0, "RandomStream: seed 0 aliases seed 4357 in GSL's mt19937")
        disableGSLAbort()
        guard let allocated = gsl_rng_alloc(sparksim_gsl_rng_mt19937()) else {
            preconditionFailure("RandomStream: gsl_rng_alloc failed")
        }
        self.name = name
        self.seed = seed
        generator = allocated
        gsl_rng_set(generator, UInt(seed))
    }

    deinit { gsl_rng_free(generator) }

    /// The generator's next raw 32-bit output (`gsl_rng_get`).
    public func next32() -> UInt32 {
        UInt32(truncatingIfNeeded: gsl_rng_get(generator))
    }

    /// A double in [0, 1) (`gsl_rng_uniform`: 32 random bits).
    public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// A double in (0, 1) (`gsl_rng_uniform_pos`), for logarithms and divisions.
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

    /// An integer uniform in `0..<n` without modulo bias.
    ///
    /// For `n < 2^32` this is `gsl_rng_uniform_int` (one or, rarely, more 32-bit draws).
    /// Larger `n` combine two 32-bit draws into 64 bits, high word first, and reject the
    /// `2^64 mod n` lowest values so every result is equally likely.
    public func integer(below n: Int) -> Int {
        precondition(n > 0, "RandomStream.integer(below:): n must be positive, got \(n)")
        if n <= Int(UInt32.max) {
            return Int(gsl_rng_uniform_int(generator, UInt(n)))
        }
        let bound = UInt64(n)
        let rejectBelow = (0 &- bound) % bound  // 2^64 mod bound
        while true {
            let wide = UInt64(next32()) << 32 | UInt64(next32())
            if wide >= rejectBelow { return Int(wide % bound) }
        }
    }

    /// Puts `elements` in a uniformly random order (Fisher–Yates, drawing
    /// `integer(below: i + 1)` for i from the last index down to 1), so the result
    /// depends only on the stream, never on the standard library's shuffle.
    public func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C) {
        var i = elements.count - 1
        while i > 0 {
            let j = integer(below: i + 1)
            if j != i {
                elements.swapAt(elements.index(elements.startIndex, offsetBy: i),
                                elements.index(elements.startIndex, offsetBy: j))
            }
            i -= 1
        }
    }
}
