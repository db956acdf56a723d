import Testing
import TestSupport
@testable import Sim

/// A host's cores shared by the CPU work on it (`cluster.cpu.physical_cores`).
@Suite("Processor sharing")
struct ProcessorSharingTests {
    static func at(_ ms: Int64) -> SimInstant { SimInstant(nanosecondsSinceStart: ms * 1_000_000) }

    /// Runs pieces (start ms, work ms) on `cores` as a simulation would: events in time
    /// order, each start or finish replanning the rest. Returns each piece's finish, ns.
    static func finishes(_ pieces: [(start: Int64, work: Int64)], cores: Int,
                         slowdown: SlowdownSchedule = .none) -> [Int64] {
        var sharing = ProcessorSharing(cores: cores, slowdown: slowdown)
        var due: [Int: SimInstant] = [:]
        var finished = [Int64](repeating: -1, count: pieces.count)
        var pending = pieces.indices.sorted { (pieces[$0].start, $0) < (pieces[$1].start, $1) }
        while !pending.isEmpty || !due.isEmpty {
            let nextFinish = due.min { ($0.value, $0.key) < ($1.value, $1.key) }
            if let index = pending.first, nextFinish.map({ at(pieces[index].start) < $0.value }) ?? true {
                pending.removeFirst()
                for piece in sharing.start(index, work: .milliseconds(pieces[index].work), at: at(pieces[index].start)) {
                    due[piece.key] = piece.finish
                }
            } else if let (key, instant) = nextFinish {
                due[key] = nil
                finished[key] = instant.nanosecondsSinceStart
                for piece in sharing.end(key, at: instant) { due[piece.key] = piece.finish }
            }
        }
        return finished
    }

    @Test func piecesWithinTheCoresRunAtFullSpeed() {
        #expect(Self.finishes([(0, 1_000), (0, 500)], cores: 2) == [1_000_000_000, 500_000_000])
    }

    @Test func fourEqualPiecesOnTwoCoresTakeTwiceAsLong() {
        #expect(Self.finishes(Array(repeating: (0, 1_000), count: 4), cores: 2) == Array(repeating: 2_000_000_000, count: 4))
    }

    /// On one core, 1 s and 3 s of work: both at half speed until the short one ends at
    /// 2 s, then the long one alone for its last 2 s.
    @Test func aShortPieceEndingSpeedsTheOthersUp() {
        #expect(Self.finishes([(0, 1_000), (0, 3_000)], cores: 1) == [2_000_000_000, 4_000_000_000])
    }

    @Test func aPieceArrivingLaterSlowsThoseRunning() {
        // 2 s alone on one core; at 1 s another 0.5 s arrives: both at half speed for 1 s
        // (the newcomer done at 2 s), then the first's last 0.5 s alone.
        #expect(Self.finishes([(0, 2_000), (1_000, 500)], cores: 1) == [2_500_000_000, 2_000_000_000])
    }

    @Test func aStragglerSlowsSharedWorkToo() {
        let slow = SlowdownSchedule(intervals: [.init(factor: SlowdownFactor(2.0), from: .zero, until: nil)])
        #expect(Self.finishes([(0, 1_000), (0, 1_000)], cores: 1, slowdown: slow) == [4_000_000_000, 4_000_000_000])
    }

    /// The same sharing by floating point, event by event: the reference.
    static func reference(_ pieces: [(start: Int64, work: Int64)], cores: Int) -> [Double] {
        var remaining = pieces.map { Double($0.work) * 1e6 }
        var finished = [Double](repeating: -1, count: pieces.count)
        var now = 0.0
        while finished.contains(-1) {
            let running = pieces.indices.filter { finished[$0] < 0 && Double(pieces[$0].start) * 1e6 <= now }
            let share = running.isEmpty ? 0 : min(1, Double(cores) / Double(running.count))
            let nextStart = pieces.indices.filter { Double(pieces[$0].start) * 1e6 > now }
                .map { Double(pieces[$0].start) * 1e6 }.min() ?? .infinity
            let nextEnd = running.map { now + remaining[$0] / share }.min() ?? .infinity
            let step = min(nextStart, nextEnd)
            for index in running {
                remaining[index] -= (step - now) * share
                if remaining[index] <= 1e-3 { finished[index] = step }
            }
            now = step
        }
        return finished
    }

    /// For any pieces on any core count: each finishes when the floating-point reference
    /// says, to within a nanosecond per event (the exact version rounds work down and
    /// finishes up at each of them), and never before its own work at full speed.
    @Test func matchesTheFloatingPointReferenceForAllInputs() {
        withEverySeed(1...300) { seed in
            let stream = RandomStream(name: "test.processor-sharing", seed: UInt32(seed))
            let cores = 1 + stream.integer(below: 4)
            let count = 1 + stream.integer(below: 8)
            let pieces = (0..<count).map { _ in
                (start: Int64(stream.integer(below: 3_000)), work: Int64(1 + stream.integer(below: 2_000)))
            }
            let finishes = Self.finishes(pieces, cores: cores)
            let reference = Self.reference(pieces, cores: cores)
            for (index, piece) in pieces.enumerated() {
                #expect(finishes[index] >= (piece.start + piece.work) * 1_000_000, "seed \(seed) piece \(index)")
                #expect(abs(Double(finishes[index]) - reference[index]) <= Double(4 * count),
                        "seed \(seed) piece \(index): \(finishes[index]) vs \(reference[index])")
            }
        }
    }

    @Test func unslowedWorkCountsEachSegmentAtItsFactor() {
        let slow = SlowdownSchedule(intervals: [.init(factor: SlowdownFactor(4.0), from: Self.at(1_000), until: Self.at(3_000))])
        #expect(slow.unslowedWork(from: .zero, to: Self.at(4_000)) == 2_500_000_000)
        #expect(SlowdownSchedule.none.unslowedWork(from: Self.at(5), to: Self.at(7)) == 2_000_000)
    }
}
