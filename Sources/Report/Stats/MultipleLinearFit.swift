import CGSL

/// Ordinary least squares y = X·c for several coefficients, by GSL's `gsl_multifit_linear`,
/// with each coefficient's 95% confidence interval (Student t on n − p degrees of freedom)
/// and, where asked, coefficients held non-negative.
///
/// Why: calibration fits the control plane's costs (each a duration, never negative) to
/// thousands of tasks of real event logs; an interval says how far to trust each value.
/// Non-negativity is kept by elimination: a coefficient fitted below zero is fixed at zero
/// and the rest refitted, until none is (an active-set method that suffices for the few,
/// weakly correlated columns calibration uses).
public struct MultipleLinearFit: Equatable, Sendable {
    public let coefficients: [Double]
    /// Half-width of each coefficient's 95% interval; 0 for a coefficient held at zero.
    public let halfWidths: [Double]
    public let residualSumOfSquares: Double
    public let count: Int

    /// Fits `y` against the columns of `rows` (one row of p values per observation).
    public init(rows: [[Double]], y: [Double], nonNegative: Bool = true) throws(StatisticsError) {
        guard rows.count == y.count else { throw .lengthMismatch(x: rows.count, y: y.count) }
        let p = rows.first?.count ?? 0
        guard p >= 1, rows.allSatisfy({ $0.count == p }) else { throw .tooFewPoints(needed: 1, got: 0) }
        guard rows.count > p else { throw .tooFewPoints(needed: p + 1, got: rows.count) }
        if let bad = StatisticsError.firstNonFinite(rows.flatMap { $0 }) ?? StatisticsError.firstNonFinite(y) { throw bad }
        var active = Array(0..<p)
        while true {
            let fit = Self.solve(rows.map { row in active.map { row[$0] } }, y)
            if nonNegative, let negative = active.indices.first(where: { fit.c[$0] < 0 }), active.count > 1 {
                active.remove(at: negative)
                continue
            }
            var coefficients = [Double](repeating: 0, count: p)
            var halfWidths = [Double](repeating: 0, count: p)
            let freedom = Double(rows.count - active.count)
            let t = gsl_cdf_tdist_Pinv(0.975, freedom)
            for (k, column) in active.enumerated() {
                coefficients[column] = nonNegative ? max(0, fit.c[k]) : fit.c[k]
                halfWidths[column] = t * fit.variance[k].squareRoot()
            }
            self.coefficients = coefficients
            self.halfWidths = halfWidths
            residualSumOfSquares = fit.chisq
            count = rows.count
            return
        }
    }

    private static func solve(_ rows: [[Double]], _ y: [Double]) -> (c: [Double], variance: [Double], chisq: Double) {
        prepareGSL()
        let n = rows.count, p = rows[0].count
        let x = gsl_matrix_alloc(n, p)!, yv = gsl_vector_alloc(n)!, c = gsl_vector_alloc(p)!
        let cov = gsl_matrix_alloc(p, p)!, work = gsl_multifit_linear_alloc(n, p)!
        defer {
            gsl_matrix_free(x); gsl_vector_free(yv); gsl_vector_free(c); gsl_matrix_free(cov)
            gsl_multifit_linear_free(work)
        }
        for i in 0..<n {
            for j in 0..<p { gsl_matrix_set(x, i, j, rows[i][j]) }
            gsl_vector_set(yv, i, y[i])
        }
        var chisq = 0.0
        let status = gsl_multifit_linear(x, yv, c, cov, &chisq, work)
        precondition(status == GSL_SUCCESS, "gsl_multifit_linear failed with status \(status)")
        return ((0..<p).map { gsl_vector_get(c, $0) }, (0..<p).map { gsl_matrix_get(cov, $0, $0) }, chisq)
    }
}
