import CGSL

/// A two-sided confidence interval `center ± halfWidth`, kept with how it was made so
/// that a report can print "95% CI, 9 d.f." next to it.
public struct ConfidenceInterval: Equatable, Sendable {
    /// The confidence level, for example 0.95.
    public let level: Double
    /// The point estimate (the sample mean).
    public let center: Double
    /// Half the interval's width: t · s / sqrt(n).
    public let halfWidth: Double
    /// The Student-t degrees of freedom used (n - 1).
    public let degreesOfFreedom: Int

    public init(level: Double, center: Double, halfWidth: Double, degreesOfFreedom: Int) {
        self.level = level
        self.center = center
        self.halfWidth = halfWidth
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The lower bound, center - halfWidth.
    public var lower: Double { center - halfWidth }
    /// The upper bound, center + halfWidth.
    public var upper: Double { center + halfWidth }

    /// Whether `value` lies inside the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// Student's t distribution, through GSL's `gsl_cdf_tdist_*`.
public enum StudentT {
    /// The quantile function: the t such that P(T <= t) = `probability` with
    /// `degreesOfFreedom` degrees of freedom (`gsl_cdf_tdist_Pinv`).
    ///
    /// - Precondition: `0 < probability < 1` and `degreesOfFreedom >= 1`; GSL
    ///   would otherwise return infinities or call its error handler.
    public static func quantile(_ probability: Double, degreesOfFreedom: Int) -> Double {
        precondition(probability > 0 && probability < 1, "probability \(probability) is outside (0, 1)")
        precondition(degreesOfFreedom >= 1, "Student-t needs at least 1 degree of freedom")
        prepareGSL()
        return gsl_cdf_tdist_Pinv(probability, Double(degreesOfFreedom))
    }

    /// The cumulative distribution function P(T <= t) (`gsl_cdf_tdist_P`).
    public static func cumulative(_ t: Double, degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1, "Student-t needs at least 1 degree of freedom")
        prepareGSL()
        return gsl_cdf_tdist_P(t, Double(degreesOfFreedom))
    }
}
