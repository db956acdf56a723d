import Testing
@testable import Report

/// Several-coefficient least squares (GSL's gsl_multifit_linear) with non-negativity.
@Suite struct MultipleLinearFitTests {
    @Test func recoversExactCoefficientsFromNoiselessData() throws {
        let rows = (0..<20).map { i in [1.0, Double(i % 2), Double(i % 3)] }
        let y = rows.map { 5 + 40 * $0[1] + 500 * $0[2] }
        let fit = try MultipleLinearFit(rows: rows, y: y)
        for (got, want) in zip(fit.coefficients, [5.0, 40, 500]) { #expect(abs(got - want) < 1e-9) }
        #expect(fit.halfWidths.allSatisfy { $0 < 1e-6 } && fit.count == 20)
    }

    @Test func aNegativeCoefficientIsHeldAtZeroAndTheRestRefitted() throws {
        let rows = (0..<30).map { i in [1.0, Double(i % 5)] }
        let y = rows.map { 100 - 3 * $0[1] }
        let free = try MultipleLinearFit(rows: rows, y: y, nonNegative: false)
        #expect(abs(free.coefficients[1] + 3) < 1e-9)
        let held = try MultipleLinearFit(rows: rows, y: y)
        #expect(held.coefficients[1] == 0 && held.halfWidths[1] == 0)
        // The intercept alone is then the mean of y.
        #expect(abs(held.coefficients[0] - y.reduce(0, +) / Double(y.count)) < 1e-9)
    }

    @Test func noiseWidensTheIntervalsAroundTheTruth() throws {
        var state: UInt64 = 42
        func noise() -> Double {
            state = state &* 6364136223846793005 &+ 1
            return Double(Int64(bitPattern: state >> 11) % 1000) / 100 - 5
        }
        let rows = (0..<400).map { i in [1.0, Double(i % 4)] }
        let fit = try MultipleLinearFit(rows: rows, y: rows.map { 10 + 2 * $0[1] + noise() })
        #expect(abs(fit.coefficients[0] - 10) < 3 * fit.halfWidths[0] + 0.5)
        #expect(abs(fit.coefficients[1] - 2) < 3 * fit.halfWidths[1] + 0.5)
        #expect(fit.halfWidths[0] > 0.01 && fit.halfWidths[1] > 0.01)
    }

    @Test func tooFewRowsAreRefused() {
        #expect(throws: StatisticsError.self) { try MultipleLinearFit(rows: [[1, 2], [1, 3]], y: [1, 2]) }
    }
}
