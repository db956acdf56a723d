import Foundation
import Testing

/// The environment variable that narrows every `withEverySeed` loop to one seed,
/// to replay a failure: `SPARKSIM_SEED=17 swift test --filter ...`.
public let seedOverrideVariable = "SPARKSIM_SEED"

/// A property that did not hold, thrown from a `withEverySeed` body; its message
/// becomes the issue's text next to the seed.
public struct PropertyFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The seed forced by `SPARKSIM_SEED`, if set to a valid `UInt64`.
public var seedOverride: UInt64? {
    ProcessInfo.processInfo.environment[seedOverrideVariable].flatMap { UInt64($0) }
}

/// Runs `body` once for every seed in `seeds`, in ascending order, and records one
/// issue per failing seed that names the seed (`seed 17: ...`).
///
/// Why: a property test without its seed in the failure cannot be replayed.
/// Swift Testing cannot attach context to an `#expect` inside `body`, so a failure
/// must leave `body` as a thrown error: throw ``PropertyFailure`` or use `#require`
/// (whose own issue is recorded too; ours adds the seed). All seeds run even after a
/// failure, so the report shows whether one seed or all fail; past
/// `maxReportedFailures` the rest are summarised in one issue.
///
/// With `SPARKSIM_SEED=<n>` in the environment only seed n runs (in or out of range),
/// which replays a reported failure.
///
/// - Returns: the failing seeds, ascending.
@discardableResult
public func withEverySeed(
    _ seeds: ClosedRange<UInt64>,
    override: UInt64? = seedOverride,
    maxReportedFailures: Int = 10,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (UInt64) throws -> Void
) -> [UInt64] {
    let chosen = override.map { $0...$0 } ?? seeds
    var failing: [UInt64] = []
    for seed in chosen {
        do {
            try body(seed)
        } catch {
            failing.append(seed)
            if failing.count <= maxReportedFailures {
                let replay = "replay with \(seedOverrideVariable)=\(seed)"
                Issue.record("seed \(seed): \(describe(error)) (\(replay))", sourceLocation: sourceLocation)
            }
        }
    }
    if failing.count > maxReportedFailures {
        let shown = failing.prefix(maxReportedFailures).map(String.init).joined(separator: ", ")
        Issue.record(
            "\(failing.count) of \(chosen.count) seeds failed; first: \(shown), ...",
            sourceLocation: sourceLocation)
    }
    return failing
}

/// A short text for a thrown error: `#require`'s error says only that its expectation
/// failed (its details are in the issue it already recorded).
private func describe(_ error: any Error) -> String {
    if error is ExpectationFailedError { return "a #require expectation failed (see the issue above)" }
    return String(describing: error)
}
