/// The exact integration behind every `ComputeCost` function: work that proceeds at a
/// constant speed divided by a host's piecewise-constant slowdown.
///
/// Units. Work is an integer count of *units*; at slowdown factor S (in parts per
/// million) the work advances by `speed / S` units per nanosecond. `ComputeCost` picks the
/// units so that everything is an integer:
/// - FLOPs: 1 unit = 10⁻⁹ FLOP, work = FLOPs·10⁹, speed = FLOPS × efficiency-ppm;
/// - a duration of work: 1 unit = 1 ns of unslowed work, speed = 10⁶;
/// - a reduction: 1 unit = 10⁻⁹ byte, work = bytes·10⁹, speed = bytes/s × 10⁶.
///
/// Exactness. The remaining work is kept as a reduced fraction `numerator / denominator`
/// after each slowdown boundary, and the finish instant is the least integer nanosecond at
/// which the done work reaches the total: `⌈remaining × S / speed⌉` into the last segment.
/// No floating point is involved, so the answer is the mathematically exact ceiling, the
/// same on every machine. One guard keeps numbers bounded: if a boundary would leave a
/// denominator above 2³² (this takes several boundaries between factors with many
/// significant digits, such as 1.234567 then 3.456789; factors with few decimals, like a
/// scenario's 3.0 or 2.5, reduce to tiny denominators), the remaining work is rounded *up*
/// to a whole unit (10⁻⁹ FLOP). Work therefore never finishes early; in that case it may
/// finish one nanosecond late, when the exact finish falls within a sub-unit of an integer.
///
/// Bounds (checked): work < 2⁹⁴ units (FLOPs up to `Int64.max`), speed < 2⁸⁴
/// (rates up to `Int64.max` times a million), factors ≤ 10¹², so every intermediate fits
/// in 256 bits.
///
/// - Complexity: O(s) for the s slowdown segments the work spans (plus O(log k) to find
///   the first), each with a few 256-bit operations.
struct WorkIntegrator {
    static let denominatorLimit: UInt128 = 1 << 32

    private var numerator: UInt128
    private var denominator: UInt128 = 1
    private let speed: UInt128

    private init(work: UInt128, speed: UInt128) {
        precondition(speed > 0 && speed < (1 << 84), "WorkIntegrator: speed \(speed) out of range")
        precondition(work < (1 << 94), "WorkIntegrator: work \(work) out of range")
        numerator = work
        self.speed = speed
    }

    /// The first integer instant at or after `start` by which `work` units are done,
    /// when the work proceeds at `speed / S` units per nanosecond under `slowdown`.
    /// Traps if that instant is beyond 2⁶³ ns (about 292 years).
    static func finish(start: SimInstant, work: UInt128, speed: UInt128,
                       slowdown: SlowdownSchedule) -> SimInstant {
        if work == 0 { return start }
        var state = WorkIntegrator(work: work, speed: speed)
        var now = start
        var next = (slowdown.segmentIndex(atOrBefore: start) ?? -1) + 1
        while true {
            let factor = next == 0 ? SlowdownFactor.none : slowdown.segments[next - 1].factor
            let needed = state.wallNanoseconds(at: factor)
            if next < slowdown.segments.count {
                let boundary = slowdown.segments[next].start
                let available = UInt128(boundary.nanosecondsSinceStart - now.nanosecondsSinceStart)
                if needed.map({ $0 > available }) ?? true {
                    state.consume(nanoseconds: available, at: factor)
                    now = boundary
                    next += 1
                    continue
                }
            }
            guard let needed, needed <= UInt128(Int64.max - now.nanosecondsSinceStart) else {
                preconditionFailure("WorkIntegrator: work started at \(now) ends beyond representable time")
            }
            return now + SimDuration(nanoseconds: Int64(needed))
        }
    }

    /// `⌈remaining × S / speed⌉`: the wall nanoseconds the rest of the work takes at
    /// factor S; nil when that does not fit in 128 bits (far beyond any instant).
    private func wallNanoseconds(at factor: SlowdownFactor) -> UInt128? {
        let scaledWork = UInt256.product(numerator, UInt128(factor.partsPerMillion))
        return scaledWork.dividedRoundingUp(by: denominator * speed)
    }

    /// Subtracts the work done in `nanoseconds` at factor S: `nanoseconds × speed / S`
    /// units. The caller has checked that the work is not finished by then.
    private mutating func consume(nanoseconds: UInt128, at factor: SlowdownFactor) {
        let slow = UInt128(factor.partsPerMillion)
        // remaining − done = (numerator·S − ns·speed·denominator) / (denominator·S)
        let difference = UInt256.product(numerator, slow) - UInt256.product(nanoseconds, speed * denominator)
        let wideDenominator = denominator * slow
        precondition(difference.high != 0 || difference.low != 0, "WorkIntegrator: work ended at a boundary")
        let divisor = difference.gcd(wideDenominator)
        let reducedDenominator = wideDenominator / divisor
        let reduced = difference.divided(by: divisor).quotient
        if reducedDenominator <= Self.denominatorLimit && reduced.high == 0 {
            numerator = reduced.low
            denominator = reducedDenominator
        } else {
            // The documented guard: round the remaining work up to a whole unit.
            guard let whole = difference.dividedRoundingUp(by: wideDenominator) else {
                preconditionFailure("WorkIntegrator: remaining work out of range")
            }
            numerator = whole
            denominator = 1
        }
    }
}
