import Foundation
import Report
import Testing
import TestSupport
@testable import Lab

/// Link utilisation over time: each interval's mean, integrated, gives back every byte
/// the link carried, whatever the run's length.
@Suite struct LinkUtilisationTests {
    static func outcome(_ path: String) throws -> (RunOutcome, Scenario) {
        let scenario = try RunGoldenTests.load(path)
        return (Runner.run(scenario.variants[0].workload, of: scenario).outcome, scenario)
    }

    @Test(arguments: ["scenarios/demo/demo.yaml", "scenarios/hydrogen-vs-mllib.yaml",
                      "scenarios/validation/simgrid-a-flat-parameter-server-p2-100mib.yaml"])
    func integratedUtilisationIsTheBytesEachLinkCarried(_ path: String) throws {
        let (outcome, _) = try Self.outcome(path)
        #expect(!outcome.linkUtilisation.isEmpty)
        var names: [String] = []
        for sample in outcome.linkUtilisation where !names.contains(sample.link) { names.append(sample.link) }
        #expect(names.count <= 6)
        let buckets = outcome.linkUtilisation.filter { $0.link == names[0] }
        #expect(buckets.count >= 2 && buckets.count <= LinkSampler.maximumSamples)
        #expect(buckets.first?.startNanoseconds == 0 && buckets.last?.endNanoseconds == outcome.end.nanosecondsSinceStart)
        for (earlier, later) in zip(buckets, buckets.dropFirst()) { #expect(earlier.endNanoseconds == later.startNanoseconds) }
        for name in names {
            let row = try #require(outcome.links.first { $0.name == name })
            let capacity = row.nominalBytesPerSecond
            let bytes = outcome.linkUtilisation.filter { $0.link == name }.reduce(0.0) { total, sample in
                total + sample.utilisation * capacity * Double(sample.endNanoseconds - sample.startNanoseconds) / 1e9
            }
            #expect(abs(bytes - Double(row.bytesCarried)) <= 1 + 1e-9 * Double(row.bytesCarried),
                    "\(path): \(name)")
            #expect(outcome.linkUtilisation.filter { $0.link == name }.allSatisfy { $0.utilisation <= 1 + 1e-9 })
        }
        // The busiest first: descending bytes.
        let carried = names.map { name in outcome.links.first { $0.name == name }!.bytesCarried }
        #expect(carried == carried.sorted(by: >))
    }

    @Test func aLongRunKeepsBetweenHalfAndAllOfTheSampleBudget() throws {
        // Random executor loss over minutes: far longer than the 1 µs starting width.
        let (outcome, _) = try Self.outcome("scenarios/failure-sensitivity.yaml")
        let first = try #require(outcome.linkUtilisation.first?.link)
        let buckets = outcome.linkUtilisation.filter { $0.link == first }
        #expect(buckets.count >= LinkSampler.maximumSamples / 2 - 1 && buckets.count <= LinkSampler.maximumSamples)
        let width = buckets[0].endNanoseconds - buckets[0].startNanoseconds
        // 1 µs doubled k times.
        #expect(width % LinkSampler.initialWidth == 0)
        let doublings = width / LinkSampler.initialWidth
        #expect(doublings > 1 && doublings & (doublings - 1) == 0)
        #expect(buckets.dropLast().allSatisfy { $0.endNanoseconds - $0.startNanoseconds == width })
    }
}
