import CGSL
import Foundation

/// The binary logistic objective of sparksim's `logistic-regression` workload:
///
///     f(w, c) = (1/n) Σ log(1 + exp(−s_i (x_i·w + c))) + regParam/2 · |w|²,   s_i = 2y_i − 1
///
/// The intercept c is not penalised and features are used as given (no
/// standardisation), as `docs/scenario.md` fixes, so the optimum can be checked against
/// any other library on the same data.
///
/// A partition's share is the vector `[Σ ∂/∂w (d values), Σ ∂/∂c, Σ loss, count,
/// correct]` (length d + 4): sums, so partitions combine by element-wise addition in
/// any order (`treeAggregate` or allreduce); the driver divides by the count and adds
/// the penalty. Mirrors MLlib's `BinaryLogisticBlockAggregator` + `RDDLossFunction`.
public enum LogisticLoss {
    /// Length of a partition's vector for `features` features.
    public static func partialLength(features: Int) -> Int { features + 4 }

    /// Floating-point operations per row: the logit (2d + 1), loss and probability
    /// (exp and log1p counted as 10 each, plus 4), residual and correctness (3), the
    /// gradient accumulation (2d + 1).
    public static func flopsPerRow(features: Int) -> Double { Double(4 * features + 29) }

    /// The partition vector over `rows` at weights `w` and intercept `c`.
    ///
    /// Logits and the gradient use GSL's CBLAS (`cblas_dgemv` on the partition's
    /// row-major block, then its transpose), as MLlib's block aggregator uses BLAS
    /// level 2. The loss uses the stable form max(−m, 0) + log1p(exp(−|m|)).
    ///
    /// - Complexity: O(rows.count · d).
    public static func partial(_ data: Dataset, rows: Range<Int>, weights w: [Double],
                               intercept c: Double) -> [Double] {
        let d = data.features
        precondition(w.count == d, "LogisticLoss: \(w.count) weights for \(d) features")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= data.rows, "LogisticLoss: rows out of range")
        var result = [Double](repeating: 0, count: partialLength(features: d))
        let m = rows.count
        guard m > 0 else { return result }
        var z = [Double](repeating: c, count: m)
        data.values.withUnsafeBufferPointer { all in
            let block = all.baseAddress! + rows.lowerBound * d
            w.withUnsafeBufferPointer { wp in
                cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(d), 1.0, block, Int32(d),
                            wp.baseAddress, 1, 1.0, &z, 1)
            }
        }
        var lossSum = 0.0, residualSum = 0.0, correct = 0.0
        for k in 0..<m {
            let y = data.labels[rows.lowerBound + k]
            let margin = y == 1 ? z[k] : -z[k]
            lossSum += max(-margin, 0) + log1p(exp(-abs(margin)))
            let p = sigmoid(z[k])
            if (z[k] > 0 ? 1.0 : 0.0) == y { correct += 1 }
            z[k] = p - y  // reuse as the residual
            residualSum += z[k]
        }
        data.values.withUnsafeBufferPointer { all in
            let block = all.baseAddress! + rows.lowerBound * d
            result.withUnsafeMutableBufferPointer { out in
                cblas_dgemv(CblasRowMajor, CblasTrans, Int32(m), Int32(d), 1.0, block, Int32(d),
                            z, 1, 0.0, out.baseAddress, 1)
            }
        }
        result[d] = residualSum
        result[d + 1] = lossSum
        result[d + 2] = Double(m)
        result[d + 3] = correct
        return result
    }

    /// The objective, its gradient (d weights then the intercept) and the accuracy,
    /// from the sum of every partition's vector.
    public static func finish(sum: [Double], weights w: [Double], regParam: Double)
        -> (objective: Double, gradient: [Double], accuracy: Double) {
        let d = w.count
        precondition(sum.count == partialLength(features: d), "LogisticLoss: sum has the wrong length")
        let n = sum[d + 2]
        precondition(n > 0, "LogisticLoss: no rows were aggregated")
        var gradient = Array(sum[0...d])
        for j in 0..<d { gradient[j] = gradient[j] / n + regParam * w[j] }
        gradient[d] /= n
        let penalty = 0.5 * regParam * dot(w, w)
        return (sum[d + 1] / n + penalty, gradient, sum[d + 3] / n)
    }

    /// σ(z) without overflow for large |z|.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : { let e = exp(z); return e / (1 + e) }()
    }
}

/// a·b with GSL's CBLAS (`cblas_ddot`).
func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count)")
    return cblas_ddot(Int32(a.count), a, 1, b, 1)
}

/// y += alpha·x with GSL's CBLAS (`cblas_daxpy`).
func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count)")
    cblas_daxpy(Int32(x.count), alpha, x, 1, &y, 1)
}

/// The Euclidean norm.
func norm2(_ a: [Double]) -> Double { cblas_dnrm2(Int32(a.count), a, 1) }
