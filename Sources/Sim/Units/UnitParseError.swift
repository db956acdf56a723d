/// Why a quantity string could not be read. The description names what was expected,
/// because it ends up in a `file:line:column: ...; expected ...` message.
public struct UnitParseError: Error, Equatable, Sendable, InputProblem {
    /// What was wrong, e.g. `"unknown duration unit 'sec'"`.
    public var problem: String
    /// What would have been accepted, e.g. `"a duration like 500ms, 3s or 2min"`.
    public var expected: String

    public init(problem: String, expected: String) {
        self.problem = problem
        self.expected = expected
    }
}
