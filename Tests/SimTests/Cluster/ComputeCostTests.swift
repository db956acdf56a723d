import Testing
@testable import Sim

@Suite("Compute cost")
struct ComputeCostTests {
    static let gflops = FlopRate(flopsPerSecond: 1_000_000_000)
    static func s(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }
    static func ns(_ n: Int64) -> SimInstant { SimInstant(nanosecondsSinceStart: n) }

    static func schedule(_ intervals: [(Double, Int64, Int64?)]) -> SlowdownSchedule {
        SlowdownSchedule(intervals: intervals.map {
            .init(factor: SlowdownFactor($0.0), from: s($0.1), until: $0.2.map { s($0) })
        })
    }

    @Test("FLOPs at a rate take FLOPs / (rate × efficiency), exactly, rounded up")
    func exactCases() {
        #expect(ComputeCost.duration(flops: 1_000_000_000, rate: Self.gflops) == .seconds(1))
        // 0.7 is not a binary fraction; in parts per million it is exact, so no stray nanosecond.
        #expect(ComputeCost.duration(flops: 700_000_000, rate: Self.gflops, efficiency: Efficiency(0.7)) == .seconds(1))
        #expect(ComputeCost.duration(flops: 1, rate: FlopRate(flopsPerSecond: 3)) == .nanoseconds(333_333_334))
        let v100 = FlopRate(flopsPerSecond: 15_700_000_000_000)
        #expect(ComputeCost.duration(flops: 15_700_000_000_000, rate: v100) == .seconds(1))
        #expect(ComputeCost.duration(flops: 0, rate: v100) == .zero)
        #expect(ComputeCost.finishInstant(start: Self.s(5), flops: 2_000_000_000, rate: Self.gflops) == Self.s(7))
        #expect(ComputeCost.duration(flops: .max, rate: FlopRate(flopsPerSecond: .max)) == .seconds(1))
    }

    @Test("a straggler interval in the middle of a computation, worked by hand")
    func stragglerInTheMiddle() {
        // 10 s of work from 0; x3 in [2 s, 5 s): 2 s done by 2 s, 1 s more by 5 s, 7 s left -> 12 s.
        let slow = Self.schedule([(3.0, 2, 5)])
        #expect(ComputeCost.finishInstant(start: .zero, flops: 10_000_000_000, rate: Self.gflops,
                                          slowdown: slow) == Self.s(12))
        // Starting inside it: from 3 s, 2 s of work; x2 in [2 s, 6 s): by 6 s 1.5 s done, 0.5 s left.
        let half = Self.schedule([(2.0, 2, 6)])
        #expect(ComputeCost.finishInstant(start: Self.s(3), work: .seconds(2), slowdown: half)
                    == Self.ns(6_500_000_000))
        // Ending exactly at a boundary: 1 s of work at x2 in [0, 2 s) ends at 2 s.
        let early = Self.schedule([(2.0, 0, 2)])
        #expect(ComputeCost.finishInstant(start: .zero, work: .seconds(1), slowdown: early) == Self.s(2))
        // Work that ends before the interval is untouched by it.
        #expect(ComputeCost.finishInstant(start: .zero, work: .seconds(1), slowdown: slow) == Self.s(1))
        // An interval without end: x4 from 1 s; 2 s of work -> 1 s + 4 s.
        let forever = Self.schedule([(4.0, 1, nil)])
        #expect(ComputeCost.finishInstant(start: .zero, work: .seconds(2), slowdown: forever) == Self.s(5))
    }

    @Test("a duration of work on a straggling host takes longer: 1/slowdown work-seconds per second")
    func durationWork() {
        let slow = Self.schedule([(3.0, 0, 60)])
        #expect(ComputeCost.finishInstant(start: .zero, work: .seconds(2), slowdown: slow) == Self.s(6))
        // From 59 s: 1 s of wall does 1/3 s of work, 5/3 s remain after 60 s -> 61.666...67 s.
        #expect(ComputeCost.finishInstant(start: Self.s(59), work: .seconds(2), slowdown: slow)
                    == Self.ns(61_666_666_667))
        #expect(ComputeCost.finishInstant(start: Self.s(60), work: .seconds(2), slowdown: slow) == Self.s(62))
        #expect(ComputeCost.finishInstant(start: Self.s(1), work: .zero, slowdown: slow) == Self.s(1))
    }

    @Test("overlapping intervals multiply; the combined schedule is worked by hand")
    func overlapping() {
        let both = Self.schedule([(2.0, 0, 10), (3.0, 4, 6)])
        #expect(both.segments == [
            .init(start: Self.s(0), factor: SlowdownFactor(2.0)), .init(start: Self.s(4), factor: SlowdownFactor(6.0)),
            .init(start: Self.s(6), factor: SlowdownFactor(2.0)), .init(start: Self.s(10), factor: .none),
        ])
        #expect(both.factor(at: Self.s(5)) == SlowdownFactor(6.0) && both.factor(at: Self.s(10)) == .none)
        // 5 s of work: 2 s done by 4 s (x2), 1/3 s more by 6 s (x6), 2 s more by 10 s (x2),
        // then 2/3 s left at full speed -> 10.666...67 s.
        #expect(ComputeCost.finishInstant(start: .zero, work: .seconds(5), slowdown: both)
                    == Self.ns(10_666_666_667))
        // 3 s of work from 1 s: 1.5 s done by 4 s, 1/3 s by 6 s, 7/6 s left at x2 -> 8.333...34 s.
        #expect(ComputeCost.finishInstant(start: Self.s(1), work: .seconds(3), slowdown: both)
                    == Self.ns(8_333_333_334))
        // Insertion order never matters.
        #expect(Self.schedule([(3.0, 4, 6), (2.0, 0, 10)]).segments == both.segments)
        // Identical back-to-back intervals merge into one segment.
        #expect(Self.schedule([(2.0, 0, 3), (2.0, 3, 5)]).segments.count == 2)
        #expect(SlowdownFactor.product(of: [SlowdownFactor(1.1), SlowdownFactor(1.1)]) == SlowdownFactor(1.21))
        #expect(SlowdownFactor.product(of: []) == .none)
    }

    @Test("reduction cost: bytes / bytesPerSecond, rounded up, slowed by the host's schedule")
    func reduction() {
        #expect(ComputeCost.reductionTime(bytes: ByteCount(bytes: 1 << 30), bytesPerSecond: 10_000_000_000)
                    == .nanoseconds(107_374_183))
        #expect(ComputeCost.reductionTime(bytes: ByteCount(bytes: 0), bytesPerSecond: 1) == .zero)
        // 4 GB at 1 GB/s: 1 GB by 1 s, 0.5 GB in [1 s, 2 s) at x2, 2.5 GB more -> 4.5 s.
        #expect(ComputeCost.reductionFinish(start: .zero, bytes: ByteCount(bytes: 4_000_000_000),
                                            bytesPerSecond: 1_000_000_000,
                                            slowdown: Self.schedule([(2.0, 1, 2)])) == Self.ns(4_500_000_000))
    }

    @Test("factors keep their exact decimal spelling")
    func factorText() {
        #expect(SlowdownFactor(3.0).description == "3.0" && SlowdownFactor(1.333333).description == "1.333333")
        #expect(Efficiency(0.25).description == "0.25" && Efficiency.full.description == "1.0")
        #expect(LinkFactor.product(of: [LinkFactor(0.1), LinkFactor(0.5)]).description == "0.05")
    }
}
