import Engine
import Sim

/// A 1-based line and column in a scenario file.
public struct SourcePosition: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One thing wrong with a scenario file, at the key or value that is wrong.
///
/// Rendered as `file:line:column: problem; expected ...`, the form editors and CI logs
/// turn into a link, so a user goes straight to the mistake.
public struct ScenarioDiagnostic: Sendable, Equatable, InputProblem {
    /// The path as the user gave it.
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, e.g. `tasks: 0 is below the minimum 1`.
    public var problem: String
    /// What would have been accepted, e.g. `a whole number from 1 to 10000000`.
    public var expected: String

    public init(file: String, position: SourcePosition, problem: String, expected: String) {
        self.file = file
        self.line = position.line
        self.column = position.column
        self.problem = problem
        self.expected = expected
    }

    public var position: SourcePosition { SourcePosition(line: line, column: column) }

    /// `file:line:column: problem; expected ...`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Spark's configuration errors have the shared shape; Engine does not import Sim, so the
/// conformance is declared here, where both meet.
extension SparkConfError: InputProblem {}

/// Why a scenario could not be loaded: every diagnostic found, in source order.
///
/// Loading collects all problems rather than stopping at the first, so that one run of
/// `sparksim run` shows a user everything to fix.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// In order of position in the file (ties keep the order they were found).
    public var diagnostics: [ScenarioDiagnostic]

    public init(diagnostics: [ScenarioDiagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
