/// The one shape of every "this input is wrong" value: what was wrong and what would have
/// been accepted, worded for a `file:line:column: problem; expected ...` message.
///
/// Why a protocol: the errors that have this shape live in modules that cannot share a
/// type (Sim's `UnitParseError`; Engine's `SparkConfError`, which does not import Sim and
/// conforms in Lab; Lab's `SweepPathError` and `ScenarioDiagnostic`). Each keeps its name
/// (and its typed `throws`), and code that turns one into a diagnostic takes any of them.
public protocol InputProblem: CustomStringConvertible {
    /// What was wrong, e.g. `"unknown duration unit 'sec'"`.
    var problem: String { get }
    /// What would have been accepted, e.g. `"a duration like 500ms, 3s or 2min"`.
    var expected: String { get }
}

extension InputProblem {
    /// `problem; expected ...`.
    public var message: String { "\(problem); expected \(expected)" }

    /// `problem; expected ...` (a value with a place in a file prefixes it).
    public var description: String { message }
}
