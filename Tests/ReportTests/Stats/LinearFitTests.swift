import Testing
@testable import Report

@Suite("LinearFit")
struct LinearFitTests {
    @Test func exactLineIsRecoveredWithZeroResidual() throws {
        let x: [Double] = [1, 2, 4, 8, 16]
        let y = x.map { 3 + 0.5 * $0 }
        let fit = try LinearFit(x: x, y: y)
        #expect(isClose(fit.intercept, 3))
        #expect(isClose(fit.slope, 0.5))
        #expect(abs(fit.residualSumOfSquares) < 1e-24)
        #expect(isClose(try #require(fit.rSquared), 1))
        #expect(isClose(fit.predict(32), 19))
        #expect(fit.count == 5)
    }

    /// Reference: SciPy 1.17.1 `linregress([1,2,4,8,16], [3.1,4.9,9.2,16.8,33.1])` gives
    /// slope 2.0005376344086017, intercept 1.0166666666666675, r² 0.99981875098342,
    /// stderr² (slope variance) 0.0002418391336189918,
    /// intercept_stderr² 0.016493428912815248.
    @Test func noisyLineMatchesSciPyLinregress() throws {
        let fit = try LinearFit(x: [1, 2, 4, 8, 16], y: [3.1, 4.9, 9.2, 16.8, 33.1])
        #expect(isClose(fit.slope, 2.0005376344086017, relative: 1e-10))
        #expect(isClose(fit.intercept, 1.0166666666666675, relative: 1e-10))
        #expect(isClose(try #require(fit.rSquared), 0.99981875098342, relative: 1e-10))
        #expect(isClose(fit.slopeVariance, 0.0002418391336189918, relative: 1e-8))
        #expect(isClose(fit.interceptVariance, 0.016493428912815248, relative: 1e-8))
    }

    @Test func flatDataHasSlopeZeroAndNoRSquared() throws {
        let fit = try LinearFit(x: [1, 2, 3], y: [5, 5, 5])
        #expect(fit.slope == 0 && fit.intercept == 5)
        #expect(fit.rSquared == nil)
    }

    @Test func badInputIsRejectedWithAReason() {
        #expect(throws: StatisticsError.lengthMismatch(x: 2, y: 1)) { try LinearFit(x: [1, 2], y: [1]) }
        #expect(throws: StatisticsError.tooFewPoints(needed: 2, got: 1)) { try LinearFit(x: [1], y: [1]) }
        #expect(throws: StatisticsError.degenerateX) { try LinearFit(x: [2, 2, 2], y: [1, 2, 3]) }
        #expect(throws: StatisticsError.nonFinite(index: 1)) { try LinearFit(x: [1, 2], y: [0, .nan]) }
    }
}
