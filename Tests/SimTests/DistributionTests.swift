import Foundation
import Testing
@testable import Sim

/// Sample moments of every distribution against their analytic values. With n draws
/// the sample mean is within 5 standard errors of the true mean except with
/// probability below 1e-6; variances get a relative tolerance sized for each tail.
@Suite("Distributions")
struct DistributionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let mean: Double
        let variance: Double
        /// Relative tolerance for the sample variance.
        let varianceTolerance: Double
        let draw: @Sendable (RandomStream) -> Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "uniform", mean: 0.5, variance: 1.0 / 12, varianceTolerance: 0.02) { $0.uniform() },
        Case(name: "uniformPositive", mean: 0.5, variance: 1.0 / 12, varianceTolerance: 0.02) {
            $0.uniformPositive()
        },
        Case(name: "integer(below: 10)", mean: 4.5, variance: 99.0 / 12, varianceTolerance: 0.02) {
            Double($0.integer(below: 10))
        },
        Case(name: "bernoulli(0.3)", mean: 0.3, variance: 0.21, varianceTolerance: 0.02) {
            $0.bernoulli(0.3) ? 1 : 0
        },
        Case(name: "exponential(mean: 2)", mean: 2, variance: 4, varianceTolerance: 0.05) {
            $0.exponential(mean: 2)
        },
        Case(name: "normal(3, 2)", mean: 3, variance: 4, varianceTolerance: 0.02) {
            $0.normal(mean: 3, sd: 2)
        },
        Case(name: "lognormal(0.5, 0.5)", mean: exp(0.625), variance: (exp(0.25) - 1) * exp(1.25),
             varianceTolerance: 0.05) { $0.lognormal(zeta: 0.5, sigma: 0.5) },
        Case(name: "weibull(scale 2, shape 1.5)", mean: 2 * tgamma(1 + 1 / 1.5),
             variance: 4 * (tgamma(1 + 2 / 1.5) - pow(tgamma(1 + 1 / 1.5), 2)),
             varianceTolerance: 0.04) { $0.weibull(scale: 2, shape: 1.5) },
        Case(name: "pareto(shape 6, scale 2)", mean: 6 * 2 / 5.0, variance: 4 * 6 / (25 * 4.0),
             varianceTolerance: 0.10) { $0.pareto(shape: 6, scale: 2) },
        Case(name: "gamma(shape 2.5, scale 3)", mean: 7.5, variance: 22.5, varianceTolerance: 0.04) {
            $0.gamma(shape: 2.5, scale: 3)
        },
        Case(name: "gamma(shape 0.5, scale 1)", mean: 0.5, variance: 0.5, varianceTolerance: 0.06) {
            $0.gamma(shape: 0.5, scale: 1)
        },
    ]

    @Test("sample mean and variance match the analytic values", arguments: cases)
    func moments(of distribution: Case) {
        let stream = RandomStreams(seed: 2024).stream(named: "test.\(distribution.name)")
        let n = 200_000
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<n {
            let x = distribution.draw(stream)
            sum += x
            sumOfSquares += x * x
        }
        let mean = sum / Double(n)
        let variance = (sumOfSquares - Double(n) * mean * mean) / Double(n - 1)
        let standardError = (distribution.variance / Double(n)).squareRoot()
        #expect(abs(mean - distribution.mean) < 5 * standardError,
                "\(distribution.name): mean \(mean) vs \(distribution.mean)")
        #expect(abs(variance / distribution.variance - 1) < distribution.varianceTolerance,
                "\(distribution.name): variance \(variance) vs \(distribution.variance)")
    }

    @Test("uniformPositive never returns 0, uniform never returns 1")
    func bounds() {
        let stream = RandomStream(name: "bounds", seed: 1)
        for _ in 0..<100_000 {
            let u = stream.uniform()
            let p = stream.uniformPositive()
            #expect(u >= 0 && u < 1)
            #expect(p > 0 && p < 1)
        }
    }
}
