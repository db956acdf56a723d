/// Binary logistic regression trained as MLlib trains it, pass by pass.
///
/// Passes, each one Spark job in the task-parallel style:
/// - `summary` (optional, on by default): MLlib's `Summarizer` job before the fit
///   (feature sums and squares, row count, label counts). Its numbers are checked, not
///   used: the objective is not standardised.
/// - `loss-gradient`: one per function evaluation, at the model the optimiser asks for.
///
/// Solvers:
/// - `lbfgs`: Breeze's L-BFGS as MLlib calls it (`BreezeLBFGS`, memory 10 by default),
///   so the fit is 1 summary pass + 1 evaluation for the initial model + one per line
///   search step: 11 loss-gradient passes for 10 iterations when every line search
///   accepts its first step, as in the real run a of `validation/spark-real`.
/// - `gd`: full-batch gradient descent with a fixed step size, `w ← w − stepSize·∇f`
///   (MLlib's old `GradientDescent` with `miniBatchFraction` 1, but without its
///   1/√iteration decay, as the Hydrogen-style run b does with lr 1). It stops after
///   `maxIter` steps or when |w_new − w_old| < tol · max(|w_new|, 1), MLlib's
///   `GradientDescent.isConverged`; one last pass evaluates the final model.
///
/// Records: iteration 0 is the all-zero model (weights and intercept 0, as
/// `docs/scenario.md` fixes; MLlib would start the intercept at the label log-odds),
/// then one per optimiser iteration, each with the objective and training accuracy of
/// the model after that iteration, computed by the pass that evaluated it.
public struct LogisticRegressionTrainer: PartitionedTrainer {
    public enum Solver: String, Sendable, Equatable { case lbfgs, gd }

    /// The trainer's settings, with the scenario keys' names.
    public struct Configuration: Sendable, Equatable {
        public var solver: Solver
        public var maxIter: Int
        public var tol: Double
        public var regParam: Double
        /// `gd` only: the fixed step size.
        public var stepSize: Double
        /// `lbfgs` only: the number of (s, y) pairs kept (MLlib: 10).
        public var memory: Int
        /// Whether to run MLlib's `Summarizer` pass first.
        public var summaryPass: Bool

        public init(solver: Solver = .lbfgs, maxIter: Int = 100, tol: Double = 1e-6, regParam: Double = 0,
                    stepSize: Double = 1.0, memory: Int = 10, summaryPass: Bool = true) {
            precondition(maxIter >= 0, "LogisticRegressionTrainer: maxIter must be >= 0")
            precondition(tol >= 0 && regParam >= 0 && stepSize > 0 && memory > 0,
                         "LogisticRegressionTrainer: tol, regParam >= 0; stepSize, memory > 0")
            self.solver = solver
            self.maxIter = maxIter
            self.tol = tol
            self.regParam = regParam
            self.stepSize = stepSize
            self.memory = memory
            self.summaryPass = summaryPass
        }
    }

    private enum Stage {
        case summary
        case lbfgs(BreezeLBFGS)
        /// Gradient descent evaluating `point` as iteration `iteration`; `last` when
        /// this is the final evaluation.
        case gd(point: [Double], iteration: Int, last: Bool)
        case done
    }

    public let data: Dataset
    public let configuration: Configuration
    private var stage: Stage
    /// Every record so far, in iteration order.
    public private(set) var records: [IterationRecord] = []
    /// Label counts [zeros, ones] from the summary pass, when it ran.
    public private(set) var labelCounts: [Double]?
    /// The model after the last recorded iteration: d weights then the intercept.
    public private(set) var coefficients: [Double]
    /// Why training stopped (Breeze's reason for `lbfgs`), nil while training.
    public private(set) var stopReason: String?

    public init(data: Dataset, configuration: Configuration) {
        precondition(data.hasBinaryLabels, "LogisticRegressionTrainer: labels must be 0 or 1")
        self.data = data
        self.configuration = configuration
        coefficients = [Double](repeating: 0, count: data.features + 1)
        stage = configuration.summaryPass ? .summary : Self.optimiserStage(configuration, dimension: data.features + 1)
    }

    private static func optimiserStage(_ c: Configuration, dimension: Int) -> Stage {
        let zero = [Double](repeating: 0, count: dimension)
        switch c.solver {
        case .lbfgs: return .lbfgs(BreezeLBFGS(initial: zero, memory: c.memory, maxIter: c.maxIter, tolerance: c.tol))
        case .gd: return .gd(point: zero, iteration: 0, last: c.maxIter == 0)
        }
    }

    /// The feature weights of the current model.
    public var weights: [Double] { Array(coefficients.dropLast()) }
    /// The intercept of the current model.
    public var intercept: Double { coefficients[data.features] }

    public mutating func nextPass() -> DataPass? {
        let d = data.features, n = d + 1
        let finish = Double(3 * n + 2 * d)  // scale the sums, add the penalty and its value
        switch stage {
        case .summary:
            return DataPass(purpose: "summary", broadcastDoubles: 0, resultDoubles: 2 * d + 3,
                            flopsPerRow: Double(3 * d + 2), driverFlops: Double(4 * d))
        case let .lbfgs(optimiser):
            return lossGradientPass(driverFlops: finish + BreezeLBFGS.driverFlops(
                dimension: n, history: optimiser.historyLength))
        case .gd:
            return lossGradientPass(driverFlops: finish + Double(5 * n))  // step, difference, two norms
        case .done:
            return nil
        }
    }

    private func lossGradientPass(driverFlops: Double) -> DataPass {
        DataPass(purpose: "loss-gradient", broadcastDoubles: data.features + 1,
                 resultDoubles: LogisticLoss.partialLength(features: data.features),
                 flopsPerRow: LogisticLoss.flopsPerRow(features: data.features), driverFlops: driverFlops)
    }

    /// The point the current loss-gradient pass evaluates.
    private var evaluationPoint: [Double]? {
        switch stage {
        case let .lbfgs(optimiser): optimiser.pendingPoint
        case let .gd(point, _, _): point
        case .summary, .done: nil
        }
    }

    public func partialResult(of pass: DataPass, rows: Range<Int>) -> [Double] {
        switch pass.purpose {
        case "summary":
            return Self.summaryPartial(data, rows: rows)
        case "loss-gradient":
            guard let point = evaluationPoint else { preconditionFailure("LogisticRegressionTrainer: no evaluation") }
            return LogisticLoss.partial(data, rows: rows, weights: Array(point.dropLast()), intercept: point.last!)
        default:
            preconditionFailure("LogisticRegressionTrainer: unknown pass '\(pass.purpose)'")
        }
    }

    /// [Σx (d), Σx² (d), count, zeros, ones] over `rows`.
    static func summaryPartial(_ data: Dataset, rows: Range<Int>) -> [Double] {
        let d = data.features
        var out = [Double](repeating: 0, count: 2 * d + 3)
        for i in rows {
            for j in 0..<d {
                let x = data.value(row: i, feature: j)
                out[j] += x
                out[d + j] += x * x
            }
            out[2 * d] += 1
            out[2 * d + 1 + Int(data.labels[i])] += 1
        }
        return out
    }

    public mutating func complete(_ pass: DataPass, sum: [Double]) -> [IterationRecord] {
        precondition(sum.count == pass.resultDoubles, "LogisticRegressionTrainer: sum of length \(sum.count)")
        switch stage {
        case .summary:
            let d = data.features
            precondition(sum[2 * d] == Double(data.rows), "summary counted \(sum[2 * d]) of \(data.rows) rows")
            labelCounts = [sum[2 * d + 1], sum[2 * d + 2]]
            stage = Self.optimiserStage(configuration, dimension: d + 1)
            return []
        case var .lbfgs(optimiser):
            guard let point = optimiser.pendingPoint else { preconditionFailure("L-BFGS has nothing pending") }
            let result = LogisticLoss.finish(sum: sum, weights: Array(point.dropLast()),
                                             regParam: configuration.regParam)
            let accepted = optimiser.receive(value: result.objective, gradient: result.gradient)
            stage = optimiser.finishedReason == nil ? .lbfgs(optimiser) : .done
            stopReason = optimiser.finishedReason?.explained
            guard let iteration = accepted else { return [] }
            return record(iteration, point: point, objective: result.objective, accuracy: result.accuracy)
        case let .gd(point, iteration, last):
            let result = LogisticLoss.finish(sum: sum, weights: Array(point.dropLast()),
                                             regParam: configuration.regParam)
            if last {
                stage = .done
                stopReason = iteration >= configuration.maxIter
                    ? "max iterations reached" : "converged (the step changed the weights by at most tol)"
            } else {
                var next = point
                axpy(-configuration.stepSize, result.gradient, &next)
                var change = next
                axpy(-1, point, &change)
                let converged = norm2(change) < configuration.tol * max(norm2(next), 1)
                stage = .gd(point: next, iteration: iteration + 1,
                            last: converged || iteration + 1 >= configuration.maxIter)
            }
            return record(iteration, point: point, objective: result.objective, accuracy: result.accuracy)
        case .done:
            preconditionFailure("LogisticRegressionTrainer: complete after training ended")
        }
    }

    private mutating func record(_ iteration: Int, point: [Double], objective: Double,
                                 accuracy: Double) -> [IterationRecord] {
        precondition(iteration == records.count, "iterations are recorded in order, without gaps")
        coefficients = point
        let entry = IterationRecord(iteration: iteration, objective: objective, accuracy: accuracy)
        records.append(entry)
        return [entry]
    }
}
