import Report
import Sim

/// Bytes carried by every link at regular instants of a run, for link utilisation over
/// time (`links.svg`).
///
/// Why cumulative counters at bucket boundaries: the network's rates are constant between
/// events, so `Network.linkUsage(at:)` read at a boundary that lies before the next event
/// is exact, and the mean utilisation of a bucket is its byte difference over capacity
/// times width. The width starts at 1 µs and doubles whenever more than `maximumSamples`
/// boundaries would be needed, keeping every second sample (boundaries at multiples of
/// the new width are a subset of the old ones), so any run ends with between
/// `maximumSamples / 2` and `maximumSamples` buckets and no knowledge of its length is
/// needed in advance. Reading happens only when an event crosses a boundary.
struct LinkSampler {
    static let maximumSamples = 256
    static let initialWidth: Int64 = 1_000

    private(set) var width = initialWidth
    /// Sample instants (ns) and, per instant, bytes carried by each link in `LinkID` order.
    private(set) var times: [Int64] = []
    private(set) var carried: [[Int64]] = []
    private var nextBoundary: Int64 = 0

    /// Records every boundary up to and including `time`, where the next event happens;
    /// call before that event changes the network.
    mutating func advance(to time: Int64, network: Network) {
        guard time >= nextBoundary else { return }
        while (time - nextBoundary) / width + 1 + Int64(times.count) > Int64(Self.maximumSamples) {
            coarsen()
        }
        while nextBoundary <= time {
            record(at: nextBoundary, network: network)
            nextBoundary += width
        }
    }

    /// Records the end of the run (a last, partial bucket) unless it is on a boundary.
    mutating func finish(at time: Int64, network: Network) {
        if times.last.map({ $0 < time }) ?? true { record(at: time, network: network) }
    }

    private mutating func record(at time: Int64, network: Network) {
        assert(times.last.map { $0 < time } ?? true, "LinkSampler: samples must move forward in time")
        times.append(time)
        carried.append(network.linkUsage(at: SimInstant(nanosecondsSinceStart: time)).map(\.bytesCarried))
    }

    /// Doubles the width, keeping the samples at multiples of the new width.
    private mutating func coarsen() {
        width *= 2
        let kept = times.indices.filter { times[$0] % width == 0 }
        times = kept.map { times[$0] }
        carried = kept.map { carried[$0] }
        let last = times.last ?? -width
        nextBoundary = last + width
    }

    /// Mean utilisation per bucket of the `count` links that carried the most bytes (ties
    /// in link order), among links with a finite nominal rate; `names` in `LinkID` order.
    func utilisation(of usage: [LinkUsage], names: [String], count: Int = 6) -> [LinkUtilisationSample] {
        guard let final = carried.last, times.count >= 2 else { return [] }
        let busiest = usage.indices.filter { usage[$0].nominalBytesPerSecond.isFinite && final[$0] > 0 }
            .sorted { (final[$0], $1) > (final[$1], $0) }.prefix(count)
        var samples: [LinkUtilisationSample] = []
        for link in busiest {
            let capacity = usage[link].nominalBytesPerSecond
            for bucket in 1..<times.count {
                let span = times[bucket] - times[bucket - 1]
                let bytes = Double(Self.bytes(carried[bucket], link) - Self.bytes(carried[bucket - 1], link))
                samples.append(LinkUtilisationSample(
                    link: names[link], startNanoseconds: times[bucket - 1], endNanoseconds: times[bucket],
                    utilisation: bytes / (capacity * Double(span) / 1e9)))
            }
        }
        return samples
    }

    /// What a link had carried at a sample; 0 before it existed (a host added by a fault
    /// brings its links with it, so earlier samples are shorter).
    private static func bytes(_ sample: [Int64], _ link: Int) -> Int64 {
        link < sample.count ? sample[link] : 0
    }
}
