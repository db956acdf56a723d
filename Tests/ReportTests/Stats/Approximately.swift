/// Whether `actual` is within `relative` of `expected`, relative to `expected`'s size
/// (absolute near zero). Reference values come from other software printing 17
/// digits, so a tolerance of a few ulps is honest; exact equality would test the
/// order of GSL's floating-point operations instead of the statistic.
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-12) -> Bool {
    abs(actual - expected) <= relative * max(1, abs(expected))
}
