import Testing
import TestSupport
@testable import Sim

/// The exact integration checked against a plain floating-point walk over the segments,
/// on random schedules with unusual factors (which also exercise the denominator guard).
@Suite("Compute cost properties")
struct ComputeCostPropertyTests {
    /// Finish time in ns by floating point: the reference, correct to far below 1 ns here.
    static func reference(start: Int64, flops: Double, flopsPerNanosecond: Double,
                          schedule: SlowdownSchedule) -> Double {
        var now = Double(start)
        var remaining = flops
        var next = (schedule.segmentIndex(atOrBefore: SimInstant(nanosecondsSinceStart: start)) ?? -1) + 1
        while true {
            let factor = next == 0 ? 1.0 : schedule.segments[next - 1].factor.factor
            let speed = flopsPerNanosecond / factor
            if next < schedule.segments.count {
                let boundary = Double(schedule.segments[next].start.nanosecondsSinceStart)
                if remaining > (boundary - now) * speed {
                    remaining -= (boundary - now) * speed
                    now = boundary
                    next += 1
                    continue
                }
            }
            return now + remaining / speed
        }
    }

    @Test("the exact finish is the ceiling of the real-valued finish, on random schedules")
    func matchesFloatingPointReference() {
        withEverySeed(1...200) { seed in
            let stream = RandomStream(name: "test.compute", seed: UInt32(seed))
            var schedule = SlowdownSchedule()
            for _ in 0..<(1 + stream.integer(below: 6)) {
                let from = Int64(stream.integer(below: 20_000_000_000))
                let length = Int64(1 + stream.integer(below: 10_000_000_000))
                let factor = SlowdownFactor(partsPerMillion: 1_000_000 + Int64(stream.integer(below: 9_000_000)))
                schedule.add(.init(factor: factor, from: SimInstant(nanosecondsSinceStart: from),
                                   until: SimInstant(nanosecondsSinceStart: from + length)))
            }
            let rate = FlopRate(flopsPerSecond: Int64(1 + stream.integer(below: 5_000_000_000)))
            let efficiency = Efficiency(partsPerMillion: Int64(1 + stream.integer(below: 1_000_000)))
            let flops = Int64(stream.integer(below: 20_000_000_000))
            let start = Int64(stream.integer(below: 10_000_000_000))
            let exact = ComputeCost.finishInstant(start: SimInstant(nanosecondsSinceStart: start), flops: flops,
                                                  rate: rate, efficiency: efficiency, slowdown: schedule)
            let perNanosecond = Double(rate.flopsPerSecond) * efficiency.fraction / 1e9
            let expected = Self.reference(start: start, flops: Double(flops), flopsPerNanosecond: perNanosecond,
                                          schedule: schedule)
            let difference = Double(exact.nanosecondsSinceStart) - expected
            guard difference > -1e-3 && difference < 1 + 1e-3 else {
                throw PropertyFailure("exact \(exact.nanosecondsSinceStart) vs reference \(expected)")
            }
        }
    }
}
