import Foundation

/// Breeze's L-BFGS, the optimiser behind MLlib's `LogisticRegression`, as a state
/// machine that asks for one function evaluation at a time.
///
/// Why Breeze's exact rules: MLlib's fit costs one Spark job per evaluation, so the
/// simulated run has as many jobs as the real one only if every choice matches:
/// history m (MLlib passes 10), the two-loop recursion with the scaling sy/yy, the
/// strong-Wolfe line search starting at 1/|dir| on the first iteration and at 1
/// afterwards, evaluations cached at the last point (`f.cached`: φ(0) is free), and
/// `FirstOrderMinimizer.defaultConvergenceCheck(maxIter, tol)`:
/// - `iter >= maxIter`;
/// - function values: |f − max(last 20 values)| ≤ tol·|f₀|, where the window starts as
///   [+∞], so this cannot fire before 20 iterations;
/// - gradient: |∇f| ≤ max(tol·|f|, 1e-8);
/// - the line search failed twice in a row (the first failure resets the history).
///
/// - Mirrors: `breeze.optimize.LBFGS`, `FirstOrderMinimizer.infiniteIterations`.
struct BreezeLBFGS {
    /// Why the minimiser stopped, in Breeze's words.
    enum Reason: String, Equatable, Sendable {
        case maxIterations = "max iterations reached"
        case functionValuesConverged = "function values converged"
        case gradientConverged = "gradient converged"
        case searchFailed = "line search failed!"

        /// Breeze's words with the rule that fired, for a report's reader.
        var explained: String {
            switch self {
            case .maxIterations: return "max iterations reached"
            case .functionValuesConverged:
                return "function values converged (the objective moved by at most tol x |f0| from the largest of "
                    + "the last 20 values)"
            case .gradientConverged: return "gradient converged (|gradient| <= max(tol x |f|, 1e-8))"
            case .searchFailed: return "line search failed twice in a row (no step satisfied the strong Wolfe conditions)"
            }
        }
    }

    private enum Phase {
        /// Waiting for f(x₀).
        case initial
        /// Waiting for φ(0) = f(x) again, because the cache holds another point
        /// (after a failed search); then searches along `direction`.
        case origin(direction: [Double])
        case searching(direction: [Double], search: StrongWolfeLineSearch)
        case finished(Reason)
    }

    static let functionValueWindow = 20

    let memory: Int
    let maxIter: Int
    let tolerance: Double
    /// The current iterate, its value and gradient, and its iteration number.
    private(set) var x: [Double]
    private(set) var value = Double.nan
    private(set) var gradient: [Double] = []
    private(set) var iteration = 0
    private var initialValue = Double.nan
    /// s_k = x_{k+1} − x_k and y_k = ∇f_{k+1} − ∇f_k, newest first, at most `memory`.
    private var memStep: [[Double]] = []
    private var memGradDelta: [[Double]] = []
    private var functionValues: [Double] = [.infinity]
    private var failedOnce = false
    private var phase = Phase.initial
    /// The point whose value the minimiser waits for; nil once finished.
    private(set) var pendingPoint: [Double]?

    init(initial: [Double], memory: Int, maxIter: Int, tolerance: Double) {
        precondition(memory > 0, "BreezeLBFGS: memory must be positive")
        precondition(tolerance >= 0, "BreezeLBFGS: tolerance must be non-negative")
        self.memory = memory
        self.maxIter = maxIter
        self.tolerance = tolerance
        x = initial
        pendingPoint = initial
    }

    /// Why it stopped, or nil while running.
    var finishedReason: Reason? {
        if case let .finished(reason) = phase { return reason }
        return nil
    }

    /// Number of (s, y) pairs held now.
    var historyLength: Int { memStep.count }

    /// Takes f and ∇f at `pendingPoint`. Returns the iteration number when this
    /// evaluation completed an iterate (0 for the initial point), else nil.
    mutating func receive(value fval: Double, gradient g: [Double]) -> Int? {
        guard let point = pendingPoint else { preconditionFailure("BreezeLBFGS: no evaluation pending") }
        precondition(g.count == x.count, "BreezeLBFGS: gradient length \(g.count), expected \(x.count)")
        switch phase {
        case .initial:
            value = fval
            gradient = g
            initialValue = fval
            if !stopIfConverged() { beginIteration(cacheHoldsX: true) }
            return 0
        case let .origin(direction):
            startSearch(direction: direction, origin: .init(t: 0, dd: dot(g, direction), fval: fval))
            return nil
        case .searching(let direction, var search):
            switch search.receive(value: fval, derivative: dot(g, direction)) {
            case let .evaluate(t):
                phase = .searching(direction: direction, search: search)
                pendingPoint = step(direction, t)
                return nil
            case let .accept(t):
                return accept(point: point, value: fval, gradient: g, step: t)
            case .fail:
                fail()
                return nil
            }
        case .finished:
            preconditionFailure("BreezeLBFGS: finished")
        }
    }

    private func step(_ direction: [Double], _ t: Double) -> [Double] {
        var next = x
        axpy(t, direction, &next)
        return next
    }

    private mutating func accept(point: [Double], value fval: Double, gradient g: [Double], step t: Double) -> Int? {
        if t * norm2(gradient) < 1e-10 {  // Breeze's StepSizeUnderflow
            fail()
            return nil
        }
        var s = point, y = g
        axpy(-1, x, &s)
        axpy(-1, gradient, &y)
        memStep.insert(s, at: 0)
        memGradDelta.insert(y, at: 0)
        if memStep.count > memory {
            memStep.removeLast()
            memGradDelta.removeLast()
        }
        functionValues.append(fval)
        if functionValues.count > Self.functionValueWindow { functionValues.removeFirst() }
        x = point
        value = fval
        gradient = g
        iteration += 1
        failedOnce = false
        if !stopIfConverged() { beginIteration(cacheHoldsX: true) }
        return iteration
    }

    /// Breeze's handler for `FirstOrderException`: reset the history once, give up on
    /// the second failure in a row.
    private mutating func fail() {
        if failedOnce {
            phase = .finished(.searchFailed)
            pendingPoint = nil
            return
        }
        failedOnce = true
        memStep = []
        memGradDelta = []
        beginIteration(cacheHoldsX: false)
    }

    private mutating func stopIfConverged() -> Bool {
        var reason: Reason?
        if maxIter >= 0 && iteration >= maxIter {
            reason = .maxIterations
        } else if functionValues.count >= 2,
                  abs(value - functionValues.max()!) <= tolerance * abs(initialValue) {
            reason = .functionValuesConverged
        } else if norm2(gradient) <= max(tolerance * abs(value), 1e-8) {
            reason = .gradientConverged
        }
        guard let reason else { return false }
        phase = .finished(reason)
        pendingPoint = nil
        return true
    }

    private mutating func beginIteration(cacheHoldsX: Bool) {
        guard let direction = descentDirection() else { return fail() }
        if cacheHoldsX {
            startSearch(direction: direction, origin: .init(t: 0, dd: dot(gradient, direction), fval: value))
        } else {
            phase = .origin(direction: direction)
            pendingPoint = x
        }
    }

    private mutating func startSearch(direction: [Double], origin: StrongWolfeLineSearch.Bracket) {
        guard origin.dd <= 0 else { return fail() }  // "non-descent direction"
        let initial = iteration == 0 ? 1 / norm2(direction) : 1.0
        guard initial.isFinite, initial > 0 else { return fail() }
        phase = .searching(direction: direction, search: StrongWolfeLineSearch(origin: origin, initial: initial))
        pendingPoint = step(direction, initial)
    }

    /// −H·∇f by the two-loop recursion; nil where Breeze throws `NaNHistory`.
    private func descentDirection() -> [Double]? {
        var direction = gradient
        var diag = 1.0
        if let s = memStep.first, let y = memGradDelta.first {
            let sy = dot(s, y)
            if sy < 0 || sy.isNaN { return nil }
            diag = sy / dot(y, y)
        }
        var alphas = [Double](repeating: 0, count: memStep.count)
        var rhos = [Double](repeating: 0, count: memStep.count)
        for i in memStep.indices {
            rhos[i] = dot(memStep[i], memGradDelta[i])
            alphas[i] = dot(memStep[i], direction) / rhos[i]
            if alphas[i].isNaN { return nil }
            axpy(-alphas[i], memGradDelta[i], &direction)
        }
        for j in direction.indices { direction[j] *= diag }
        for i in memStep.indices.reversed() {
            let beta = dot(memGradDelta[i], direction) / rhos[i]
            axpy(alphas[i] - beta, memStep[i], &direction)
        }
        for j in direction.indices { direction[j] = -direction[j] }
        return direction
    }

    /// Driver FLOPs to finish one evaluation and choose the next point with `history`
    /// pairs in n dimensions: a dot for φ′ (2n), the history update (4n), the two-loop
    /// recursion (8n per pair, plus 4n for the scaling) and the trial point (2n).
    static func driverFlops(dimension n: Int, history: Int) -> Double {
        Double(12 * n + 8 * n * history)
    }
}
