/// Why a statistic could not be computed from the values given.
///
/// Thrown rather than returned as `nil` where the caller most likely has a bug (an
/// empty sweep, a NaN leaking from a cost model), so that the message says which.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No values at all: no mean, no quantile, nothing to report.
    case empty
    /// A NaN or an infinity at this index; GSL's sort and sums are undefined on them.
    case nonFinite(index: Int)
    /// Paired data whose two columns differ in length.
    case lengthMismatch(x: Int, y: Int)
    /// Fewer points than the computation needs.
    case tooFewPoints(needed: Int, got: Int)
    /// Every x is the same, so no slope exists.
    case degenerateX

    public var description: String {
        switch self {
        case .empty:
            return "no values: a statistic needs at least one sample"
        case .nonFinite(let index):
            return "value at index \(index) is NaN or infinite"
        case .lengthMismatch(let x, let y):
            return "x has \(x) values but y has \(y); they must pair up"
        case .tooFewPoints(let needed, let got):
            return "needs at least \(needed) points, got \(got)"
        case .degenerateX:
            return "all x values are equal, so the slope is undefined"
        }
    }

    /// The index of the first NaN or infinity in `values`, if any.
    static func firstNonFinite(_ values: [Double]) -> StatisticsError? {
        values.firstIndex(where: { !$0.isFinite }).map { .nonFinite(index: $0) }
    }
}
