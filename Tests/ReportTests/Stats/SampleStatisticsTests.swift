import Testing
@testable import Report

@Suite("SampleStatistics")
struct SampleStatisticsTests {
    @Test func meanAndStandardDeviationOfOneToTenAreKnownValues() throws {
        let stats = try SampleStatistics((1...10).map(Double.init))
        #expect(stats.count == 10)
        #expect(stats.mean == 5.5)
        // sqrt(55/6): the sample variance of 1..10 is n(n+1)/12 = 55/6.
        #expect(isClose(try #require(stats.standardDeviation), (55.0 / 6).squareRoot()))
        #expect(stats.minimum == 1)
        #expect(stats.maximum == 10)
        #expect(stats.median == 5.5)
    }

    @Test func inputOrderDoesNotMatter() throws {
        let forward = try SampleStatistics([3, 1, 4, 1, 5, 9, 2, 6])
        let backward = try SampleStatistics([6, 2, 9, 5, 1, 4, 1, 3])
        #expect(forward.sortedValues == [1, 1, 2, 3, 4, 5, 6, 9])
        #expect(forward.sortedValues == backward.sortedValues)
        #expect(forward.minimum == 1 && forward.maximum == 9)
    }

    /// Quantiles by GSL's rule, position f·(n-1) interpolated, worked by hand for 1..10:
    /// f = 0.1 → position 0.9 → 1 + 0.9·(2-1) = 1.9; f = 0.25 → 2.25 → 3.25;
    /// f = 0.9 → 8.1 → 9.1.
    @Test func quantilesMatchHandComputedInterpolation() throws {
        let stats = try SampleStatistics((1...10).reversed().map(Double.init))
        #expect(stats.quantile(0) == 1)
        #expect(isClose(stats.quantile(0.1), 1.9))
        #expect(isClose(stats.quantile(0.25), 3.25))
        #expect(stats.quantile(0.5) == 5.5)
        #expect(isClose(stats.quantile(0.9), 9.1))
        #expect(stats.quantile(1) == 10)
    }

    /// Student's sleep data (Cushny & Peebles 1905, the paired differences used in
    /// "Student" 1908): the textbook one-sample t example.
    /// Reference values computed independently with Python 3.11 + SciPy 1.17.1:
    ///   d = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4]
    ///   scipy.stats.t.interval(0.95, 9, loc=mean(d), scale=std(d, ddof=1)/sqrt(10))
    ///   -> (0.7001142367230175, 2.459885763276982)
    ///   same at 0.90 -> (0.8669947329707162, 2.2930052670292835)
    ///   std(d, ddof=1) -> 1.229995483279873
    @Test func studentTIntervalMatchesSciPyForTheSleepData() throws {
        let sleep = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4]
        let stats = try SampleStatistics(sleep)
        #expect(isClose(stats.mean, 1.58))
        #expect(isClose(try #require(stats.standardDeviation), 1.229995483279873))

        let ci95 = try #require(stats.confidenceInterval())
        #expect(ci95.level == 0.95)
        #expect(ci95.degreesOfFreedom == 9)
        #expect(isClose(ci95.lower, 0.7001142367230175, relative: 1e-10))
        #expect(isClose(ci95.upper, 2.459885763276982, relative: 1e-10))
        #expect(ci95.contains(1.58) && !ci95.contains(0.5))

        let ci90 = try #require(stats.confidenceInterval(level: 0.90))
        #expect(isClose(ci90.lower, 0.8669947329707162, relative: 1e-10))
        #expect(isClose(ci90.upper, 2.2930052670292835, relative: 1e-10))
    }

    /// SciPy 1.17.1: t.ppf(0.975, 9) = 2.262157162798205, t.ppf(0.975, 1) = 12.706204736174694,
    /// t.ppf(0.995, 29) = 2.756385903670605.
    @Test func studentTQuantilesMatchSciPy() {
        #expect(isClose(StudentT.quantile(0.975, degreesOfFreedom: 9), 2.262157162798205, relative: 1e-10))
        #expect(isClose(StudentT.quantile(0.975, degreesOfFreedom: 1), 12.706204736174694, relative: 1e-10))
        #expect(isClose(StudentT.quantile(0.995, degreesOfFreedom: 29), 2.756385903670605, relative: 1e-10))
        #expect(isClose(StudentT.cumulative(2.262157162798205, degreesOfFreedom: 9), 0.975, relative: 1e-10))
    }

    @Test func emptySampleThrowsEmpty() {
        #expect(throws: StatisticsError.empty) { try SampleStatistics([]) }
    }

    @Test func nonFiniteValuesAreRejectedWithTheirIndex() {
        #expect(throws: StatisticsError.nonFinite(index: 2)) { try SampleStatistics([1, 2, .nan]) }
        #expect(throws: StatisticsError.nonFinite(index: 0)) { try SampleStatistics([-.infinity, 1]) }
    }

    @Test func singleValueHasNoSpreadAndNoInterval() throws {
        let stats = try SampleStatistics([42])
        #expect(stats.mean == 42 && stats.median == 42 && stats.quantile(0.9) == 42)
        #expect(stats.standardDeviation == nil)
        #expect(stats.standardError == nil)
        #expect(stats.confidenceInterval() == nil)
    }

    @Test func identicalValuesGiveAZeroWidthInterval() throws {
        let stats = try SampleStatistics([7, 7, 7, 7])
        #expect(stats.standardDeviation == 0)
        let interval = try #require(stats.confidenceInterval())
        #expect(interval.lower == 7 && interval.upper == 7)
    }

    @Test func errorsDescribeThemselves() {
        #expect(StatisticsError.empty.description.contains("no values"))
        #expect(StatisticsError.nonFinite(index: 3).description.contains("index 3"))
        #expect(StatisticsError.lengthMismatch(x: 2, y: 3).description.contains("3"))
    }
}
