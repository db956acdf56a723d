import Foundation
import Sim

/// Run-to-run noise in how long a piece of task work takes (`cluster.cpu.variation`):
/// each stretch of work is multiplied by a lognormal factor with mean 1 and coefficient
/// of variation `c`, drawn from the named stream `cluster.cpu.variation` in event order.
///
/// Why lognormal: task times are positive and right-skewed (a few slow tasks, none
/// below zero), as measured on production clusters (Ousterhout et al., "Making Sense of
/// Performance in Data Analytics Frameworks", NSDI 2015, report straggler tails of this
/// shape); with mean 1 the expected work is unchanged, so a sweep over `c` isolates what
/// the variance itself costs (a stage, or a barrier iteration, waits for its slowest task).
final class WorkVariation {
    static let streamName = "cluster.cpu.variation"

    let coefficient: Double
    private let distribution: MeanOneLognormal
    private let stream: RandomStream

    /// Nil when `coefficient` is 0: no draw is made and no stream is touched.
    init?(coefficient: Double, streams: RandomStreams) {
        guard coefficient > 0 else { return nil }
        self.coefficient = coefficient
        distribution = MeanOneLognormal(coefficient: coefficient)
        stream = streams.stream(named: Self.streamName)
    }

    /// `work` stretched or shrunk by one draw, to the nanosecond (at least 1 ns when
    /// `work` is positive).
    func vary(_ work: SimDuration) -> SimDuration {
        guard work.nanoseconds > 0 else { return work }
        return Self.scaled(work, by: distribution.draw(from: stream))
    }

    /// `work × factor`, rounded to the nanosecond, at least 1 ns when `work` is positive.
    static func scaled(_ work: SimDuration, by factor: Double) -> SimDuration {
        guard work.nanoseconds > 0 else { return work }
        let scaled = (Double(work.nanoseconds) * factor).rounded()
        return SimDuration(nanoseconds: Int64(min(max(scaled, 1), 9.2e18)))
    }
}

/// The lognormal distribution with mean 1 and coefficient of variation `c`:
/// σ² = ln(1 + c²) and ζ = −σ²/2 give mean 1 and standard deviation c.
struct MeanOneLognormal {
    let sigma: Double
    let zeta: Double

    init(coefficient: Double) {
        precondition(coefficient > 0 && coefficient.isFinite, "a coefficient of variation is positive and finite")
        // libm's log, as GSL's lognormal sampler itself uses libm's exp.
        let variance = log(1 + coefficient * coefficient)
        sigma = variance.squareRoot()
        zeta = -variance / 2
    }

    func draw(from stream: RandomStream) -> Double { stream.lognormal(zeta: zeta, sigma: sigma) }
}
