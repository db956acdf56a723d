import Foundation

/// Breeze's `StrongWolfeLineSearch` (Nocedal & Wright, algorithms 3.5 and 3.6) as a
/// state machine: it asks for φ(t) = f(x + t·dir) one step at a time and is told the
/// value and directional derivative, so every evaluation can be a Spark job.
///
/// Why a state machine and not a loop calling f: in sparksim each evaluation of f is a
/// pass over the partitioned data that the runtime schedules on the simulated cluster;
/// the optimiser must hand control back between evaluations. The decisions, constants
/// (c1 = 1e-4, c2 = 0.9, step growth ×1.5, at most 10 bracketing and 10 zoom
/// evaluations) and the safeguarded cubic interpolation are Breeze's, so MLlib's
/// number of evaluations per iteration is reproduced.
///
/// - Mirrors: `breeze.optimize.StrongWolfeLineSearch.minimize` and
///   `CubicLineSearch.interp` (Breeze 2.x, used by Spark 4's MLlib).
struct StrongWolfeLineSearch {
    /// A point on the search line: step, directional derivative, value.
    struct Bracket: Equatable {
        var t: Double
        var dd: Double
        var fval: Double
    }

    /// What the search wants next.
    enum Decision: Equatable {
        /// Evaluate φ at this step.
        case evaluate(Double)
        /// The last evaluated step satisfies the strong Wolfe conditions.
        case accept(Double)
        /// Breeze throws `FirstOrderException` ("Line search failed" / "zoom failed").
        case fail
    }

    private enum Phase {
        /// Increasing t from `init`; `iteration` evaluations so far; `low` is the best
        /// point with sufficient decrease (φ(0) at first).
        case bracketing(iteration: Int, low: Bracket)
        /// Refining [low, hi]; `iteration` zoom evaluations so far.
        case zooming(iteration: Int, low: Bracket, hi: Bracket)
    }

    static let c1 = 1e-4
    static let c2 = 0.9
    static let maxLineSearchIter = 10
    static let maxZoomIter = 10

    private let origin: Bracket
    private var phase: Phase
    /// The step whose value the search waits for.
    private(set) var pending: Double

    /// Starts a search from φ(0) = `origin` (which must descend) at step `initial`.
    init(origin: Bracket, initial: Double) {
        precondition(origin.t == 0, "StrongWolfeLineSearch: origin must be φ(0)")
        precondition(origin.dd <= 0, "StrongWolfeLineSearch: non-descent direction \(origin.dd)")
        precondition(initial > 0 && initial.isFinite, "StrongWolfeLineSearch: bad initial step \(initial)")
        self.origin = origin
        phase = .bracketing(iteration: 0, low: origin)
        pending = initial
    }

    /// Takes φ(`pending`) and returns the next decision.
    mutating func receive(value fval: Double, derivative dd: Double) -> Decision {
        let c = Bracket(t: pending, dd: dd, fval: fval)
        switch phase {
        case let .bracketing(iteration, low):
            return bracket(c, iteration: iteration, low: low)
        case let .zooming(iteration, low, hi):
            return zoom(c, iteration: iteration, low: low, hi: hi)
        }
    }

    private func sufficientDecreaseFails(_ c: Bracket) -> Bool {
        c.fval > origin.fval + Self.c1 * c.t * origin.dd
    }

    private func curvatureHolds(_ c: Bracket) -> Bool { abs(c.dd) <= Self.c2 * abs(origin.dd) }

    private mutating func bracket(_ c: Bracket, iteration i: Int, low: Bracket) -> Decision {
        if c.fval.isInfinite || c.fval.isNaN {
            return next(bracketing: i + 1, low: low, step: c.t / 2)
        }
        if sufficientDecreaseFails(c) || (c.fval >= low.fval && i > 0) { return startZoom(low: low, hi: c) }
        if curvatureHolds(c) { return .accept(c.t) }
        if c.dd >= 0 { return startZoom(low: c, hi: low) }
        return next(bracketing: i + 1, low: c, step: c.t * 1.5)
    }

    private mutating func next(bracketing i: Int, low: Bracket, step: Double) -> Decision {
        guard i < Self.maxLineSearchIter else { return .fail }
        phase = .bracketing(iteration: i, low: low)
        pending = step
        return .evaluate(step)
    }

    private mutating func startZoom(low: Bracket, hi: Bracket) -> Decision {
        next(zooming: 0, low: low, hi: hi)
    }

    private mutating func next(zooming i: Int, low: Bracket, hi: Bracket) -> Decision {
        guard i < Self.maxZoomIter else { return .fail }
        phase = .zooming(iteration: i, low: low, hi: hi)
        pending = low.t > hi.t ? Self.interp(hi, low) : Self.interp(low, hi)
        return .evaluate(pending)
    }

    private mutating func zoom(_ c: Bracket, iteration i: Int, low: Bracket, hi: Bracket) -> Decision {
        var low = low, hi = hi
        if sufficientDecreaseFails(c) || c.fval >= low.fval {
            hi = c
        } else {
            if curvatureHolds(c) { return .accept(c.t) }
            if c.dd * (hi.t - low.t) >= 0 { hi = low }
            low = c
        }
        return next(zooming: i + 1, low: low, hi: hi)
    }

    /// Safeguarded cubic interpolation between `l` and `r` (l.t < r.t): the minimiser
    /// of the cubic through both values and derivatives, kept within the middle 80%.
    static func interp(_ l: Bracket, _ r: Bracket) -> Double {
        let d1 = l.dd + r.dd - 3 * (l.fval - r.fval) / (l.t - r.t)
        let d2 = (d1 * d1 - l.dd * r.dd).squareRoot()
        let multiplier = r.t - l.t
        let t = r.t - multiplier * (r.dd + d2 - d1) / (r.dd - l.dd + 2 * d2)
        let lbound = l.t + 0.1 * (r.t - l.t)
        let ubound = l.t + 0.9 * (r.t - l.t)
        // Scala's match: `t < lbound` first, then `t > ubound`; a NaN t falls through.
        if t < lbound { return lbound }
        if t > ubound { return ubound }
        return t
    }
}
