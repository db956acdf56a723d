import Testing
import TestSupport

/// Self-tests of TestSupport's `withEverySeed`: every seed runs in order, and each
/// failure is reported with its seed.
@Suite("Seed loops")
struct SeedLoopTests {
    @Test func everySeedRunsInAscendingOrder() {
        var seen: [UInt64] = []
        let failing = withEverySeed(3...7, override: nil) { seen.append($0) }
        #expect(seen == [3, 4, 5, 6, 7])
        #expect(failing.isEmpty)
    }

    @Test func failuresNameTheirSeedAndHowToReplayIt() {
        var failing: [UInt64] = []
        withKnownIssue {
            failing = withEverySeed(1...6, override: nil) { seed in
                if seed % 3 == 0 { throw PropertyFailure("queue not empty") }
            }
        } matching: { issue in
            let text = issue.description
            return (text.contains("seed 3: queue not empty") && text.contains("SPARKSIM_SEED=3"))
                || (text.contains("seed 6: queue not empty") && text.contains("SPARKSIM_SEED=6"))
        }
        #expect(failing == [3, 6])
    }

    @Test func requireFailuresAlsoGetTheSeed() {
        withKnownIssue {
            withEverySeed(5...5, override: nil) { seed in
                try #require(seed != 5)
            }
        } matching: { issue in
            // Two issues: #require's own, and ours naming the seed.
            issue.description.contains("seed 5") || issue.description.contains("Expectation failed")
        }
    }

    @Test func overrideRunsOnlyTheGivenSeed() {
        var seen: [UInt64] = []
        withEverySeed(1...100, override: 4242) { seen.append($0) }
        #expect(seen == [4242])
    }

    @Test func manyFailuresAreSummarised() {
        var count = 0
        withKnownIssue {
            count = withEverySeed(1...20, override: nil, maxReportedFailures: 2) { _ in
                throw PropertyFailure("always")
            }.count
        } matching: { issue in
            issue.description.contains("seed 1:") || issue.description.contains("seed 2:")
                || issue.description.contains("20 of 20 seeds failed; first: 1, 2")
        }
        #expect(count == 20)
    }
}
