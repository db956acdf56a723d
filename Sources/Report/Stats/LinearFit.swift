import CGSL

/// An ordinary least-squares line y = intercept + slope · x, fitted by GSL's
/// `gsl_fit_linear`.
///
/// Why: scaling curves (time per epoch against GPU count, on log axes) are summarised
/// by a slope, and a report should say how well the line fits rather than eyeball it.
/// The covariance terms are GSL's, estimated from the scatter of the residuals.
///
/// - Complexity: O(n).
public struct LinearFit: Equatable, Sendable {
    /// The fitted value at x = 0.
    public let intercept: Double
    /// The change in y per unit of x.
    public let slope: Double
    /// Variance of the intercept estimate (GSL's cov00).
    public let interceptVariance: Double
    /// Covariance of intercept and slope (GSL's cov01).
    public let covariance: Double
    /// Variance of the slope estimate (GSL's cov11).
    public let slopeVariance: Double
    /// The sum of squared residuals (GSL's sumsq).
    public let residualSumOfSquares: Double
    /// The coefficient of determination 1 - SSres / SStot; nil when every y is equal,
    /// where it is 0/0.
    public let rSquared: Double?
    /// The number of points fitted.
    public let count: Int

    /// Fits `y` against `x`, which pair up by index.
    ///
    /// Throws when the columns differ in length, have fewer than 2 points, hold a NaN
    /// or infinity, or when every x is equal (GSL would divide by zero silently).
    public init(x: [Double], y: [Double]) throws(StatisticsError) {
        guard x.count == y.count else { throw .lengthMismatch(x: x.count, y: y.count) }
        guard x.count >= 2 else { throw .tooFewPoints(needed: 2, got: x.count) }
        if let bad = StatisticsError.firstNonFinite(x) ?? StatisticsError.firstNonFinite(y) {
            throw bad
        }
        guard x.contains(where: { $0 != x[0] }) else { throw .degenerateX }
        prepareGSL()
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        let status = x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                gsl_fit_linear(xs.baseAddress, 1, ys.baseAddress, 1, xs.count,
                               &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
            }
        }
        precondition(status == GSL_SUCCESS, "gsl_fit_linear failed with status \(status)")
        let total = y.withUnsafeBufferPointer { gsl_stats_tss($0.baseAddress, 1, $0.count) }
        intercept = c0
        slope = c1
        interceptVariance = cov00
        covariance = cov01
        slopeVariance = cov11
        residualSumOfSquares = sumsq
        rSquared = total > 0 ? 1 - sumsq / total : nil
        count = x.count
    }

    /// The fitted y at `x`.
    public func predict(_ x: Double) -> Double { intercept + slope * x }
}
