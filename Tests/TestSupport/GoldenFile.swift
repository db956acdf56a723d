import Foundation
import Testing

/// The environment variable that turns golden comparisons into golden rewrites.
public let goldenUpdateVariable = "SPARKSIM_UPDATE_GOLDEN"

/// Whether this process was asked to rewrite golden files (`SPARKSIM_UPDATE_GOLDEN=1`).
public var isGoldenUpdateRequested: Bool {
    ProcessInfo.processInfo.environment[goldenUpdateVariable] == "1"
}

/// The first line at which two texts differ; `nil` on a side means that text had
/// already ended (so a missing final newline shows up as a difference, too).
public struct GoldenDifference: Equatable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public let line: Int
    public let expected: String?
    public let actual: String?

    public init(line: Int, expected: String?, actual: String?) {
        self.line = line
        self.expected = expected
        self.actual = actual
    }

    /// Quotes each side with escapes (`"a\tb\r"`), so invisible differences show.
    public var description: String {
        func show(_ text: String?) -> String { text.map { String(reflecting: $0) } ?? "(end of file)" }
        return "first difference at line \(line): expected \(show(expected)), actual \(show(actual))"
    }

    /// The first differing line of `expected` and `actual`, or nil when they are equal.
    ///
    /// Compares bytes, not Characters: golden files are checked byte for byte, and
    /// Swift's `String ==` would call two Unicode-equivalent spellings equal. Lines are
    /// split on the byte `\n` only (Swift reads `\r\n` as one Character), so a `\r`
    /// stays visible in the line it ends.
    public static func first(expected: String, actual: String) -> GoldenDifference? {
        let want = lines(expected)
        let got = lines(actual)
        for index in 0..<max(want.count, got.count) {
            let a = index < want.count ? want[index] : nil
            let b = index < got.count ? got[index] : nil
            if a != b {
                return GoldenDifference(
                    line: index + 1,
                    expected: a.map { String(decoding: $0, as: UTF8.self) },
                    actual: b.map { String(decoding: $0, as: UTF8.self) })
            }
        }
        return nil
    }

    private static func lines(_ text: String) -> [[UInt8]] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }
}

/// What ``assertMatchesGolden(_:goldenPath:updating:sourceLocation:)`` did.
public enum GoldenOutcome: Equatable, Sendable {
    case matched
    case updated
    case missing
    case mismatched(GoldenDifference)
}

/// Compares `actual` with the golden file at `goldenPath`, or rewrites that file when
/// `updating` (by default: when `SPARKSIM_UPDATE_GOLDEN=1`).
///
/// Why: conformance traces and reports are checked byte for byte, and the only way
/// to change a golden file is to regenerate it with one command and review the diff
/// in git, never by hand. A relative `goldenPath` is read from the repository root
/// (`results/demo/trace.csv`), so the working directory does not matter.
///
/// On mismatch it records one issue naming the file and the first differing line
/// (number, expected, actual). A missing file is an issue that says how to create it.
/// A rewrite is written to a temporary name and renamed into place, and recorded as a
/// warning, which does not fail the test, so an update run lists what it touched.
@discardableResult
public func assertMatchesGolden(
    _ actual: String,
    goldenPath: String,
    updating: Bool = isGoldenUpdateRequested,
    sourceLocation: SourceLocation = #_sourceLocation
) -> GoldenOutcome {
    let url = RepositoryPaths.resolve(goldenPath)
    if updating {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
        } catch {
            Issue.record(error, "could not write golden file \(url.path)", sourceLocation: sourceLocation)
            return .missing
        }
        Issue.record("updated golden file \(url.path)", severity: .warning, sourceLocation: sourceLocation)
        return .updated
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record(
            "golden file \(url.path) is missing; create it with \(goldenUpdateVariable)=1 swift test",
            sourceLocation: sourceLocation)
        return .missing
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard let difference = GoldenDifference.first(expected: expected, actual: actual) else { return .matched }
    let advice = "Regenerate with \(goldenUpdateVariable)=1 if the change is intended."
    Issue.record("\(url.path) does not match: \(difference). \(advice)", sourceLocation: sourceLocation)
    return .mismatched(difference)
}
