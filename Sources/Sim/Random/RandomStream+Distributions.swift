import CGSL

/// Continuous and discrete distributions, each a thin wrapper over GSL's sampler so
/// that the algorithm (and therefore every draw) is fixed by GSL, not by sparksim.
/// Parameters are checked here because GSL's error handler is off.
extension RandomStream {
    /// True with probability `p` (`gsl_ran_bernoulli`: one uniform draw, `u < p`).
    public func bernoulli(_ p: Double) -> Bool {
        precondition(p >= 0 && p <= 1, "bernoulli: p must be in [0, 1], got \(p)")
        return gsl_ran_bernoulli(generator, p) == 1
    }

    /// Exponential with the given MEAN (not rate): `gsl_ran_exponential(r, mu)`.
    /// Mean `mean`, variance `mean²`.
    public func exponential(mean: Double) -> Double {
        precondition(mean > 0 && mean.isFinite, "exponential: mean must be positive, got \(mean)")
        return gsl_ran_exponential(generator, mean)
    }

    /// Normal with mean `mean` and standard deviation `sd`: `mean + gsl_ran_gaussian(r, sd)`.
    public func normal(mean: Double, sd: Double) -> Double {
        precondition(sd >= 0 && sd.isFinite, "normal: sd must be non-negative, got \(sd)")
        return mean + gsl_ran_gaussian(generator, sd)
    }

    /// Lognormal: `exp(X)` with X normal of mean `zeta` and standard deviation `sigma`
    /// (`gsl_ran_lognormal`). Mean `exp(zeta + sigma²/2)`.
    public func lognormal(zeta: Double, sigma: Double) -> Double {
        precondition(sigma > 0 && sigma.isFinite, "lognormal: sigma must be positive, got \(sigma)")
        return gsl_ran_lognormal(generator, zeta, sigma)
    }

    /// Weibull with scale `scale` and shape `shape` (`gsl_ran_weibull(r, a: scale, b: shape)`):
    /// density `(b/a)(x/a)^(b-1) exp(-(x/a)^b)`. Shape 1 is exponential with mean `scale`.
    public func weibull(scale: Double, shape: Double) -> Double {
        precondition(scale > 0 && shape > 0, "weibull: scale and shape must be positive")
        return gsl_ran_weibull(generator, scale, shape)
    }

    /// Pareto with shape `shape` (a) and scale `scale` (b), support x ≥ b
    /// (`gsl_ran_pareto(r, a, b)`). Mean `a·b/(a-1)` for a > 1.
    public func pareto(shape: Double, scale: Double) -> Double {
        precondition(scale > 0 && shape > 0, "pareto: scale and shape must be positive")
        return gsl_ran_pareto(generator, shape, scale)
    }

    /// Gamma with shape `shape` (a) and scale `scale` (b) (`gsl_ran_gamma`,
    /// Marsaglia–Tsang). Mean `a·b`, variance `a·b²`.
    public func gamma(shape: Double, scale: Double) -> Double {
        precondition(scale > 0 && shape > 0, "gamma: scale and shape must be positive")
        return gsl_ran_gamma(generator, shape, scale)
    }
}
