import Foundation
import Testing
@testable import Lab

@Suite struct DiagnosticTests {
    @Test func aDiagnosticRendersAsFileLineColumnProblemExpected() {
        let d = ScenarioDiagnostic(file: "s/x.yaml", position: SourcePosition(line: 3, column: 9),
                                   problem: "tasks: 0 is below the minimum 1", expected: "a whole number from 1 to 10")
        #expect(d.description == "s/x.yaml:3:9: tasks: 0 is below the minimum 1; expected a whole number from 1 to 10")
        #expect(ScenarioError(diagnostics: [d, d]).description == d.description + "\n" + d.description)
    }

    @Test func positionsAreOneBasedAtTheOffendingValue() {
        let text = "name: t\ncluster: {master: 'local[2]'}\nworkload:\n  kind: scripted\n  jobs:\n"
            + "    - stages:\n        - {tasks: 0, duration: 1s}\n"
        let d = diagnostics(text, file: "given/path.yaml")
        #expect(d.map(\.description) == [
            "given/path.yaml:7:19: tasks: 0 is below the minimum 1; expected a whole number from 1 to 10000000",
        ])
    }

    @Test func allProblemsAreReportedInSourceOrder() {
        let text = """
            name: t
            cluster:
              executors:
                - {id: e1, host: h1, cores: 0}
            workload:
              kind: scripted
              jobs:
                - stages:
                    - {tasks: 1, duration: 1parsec}
            faults:
              - {kind: random-task-failures, probability: 2}
            spark:
              spark.task.maxFailures: 0
            """
        let lines = diagnostics(text).map(\.line)
        #expect(lines == [4, 9, 11, 13])
    }

    @Test func aMisspeltRequiredKeyIsReportedOnceAsAMisspelling() {
        let text = minimal(workload: """
            workload:
              kind: scripted
              jobs:
                - stages:
                    - {tasks: 2, duratoin: 1s}
            """)
        let messages = diagnostics(text).map(\.problem)
        #expect(messages == ["unknown key 'duratoin' in stage 'stage0' of job 'job0' (did you mean 'duration'?)"])
    }

    @Test func duplicateKeysPointAtTheRepetition() {
        let block = "name: a\nseed: 1\nname: b\n"
        #expect(diagnostics(block).first.map { "\($0.line):\($0.column)" } == "3:1")
        let flow = "name: a\ncluster: {master: 'local[1]', master: 'local[2]'}\n"
        #expect(diagnostics(flow).first.map { "\($0.line):\($0.column): \($0.problem)" }
            == "2:31: duplicate key 'master' (first at 2:11)")
    }

    @Test func emptyAndNonMappingFilesAreRejected() {
        #expect(diagnostics("").first?.problem == "the file is empty")
        #expect(diagnostics("# only a comment\n").first?.problem == "the file is empty")
        #expect(diagnostics("- a\n- b\n").first?.problem == "the scenario is a list")
    }

    @Test func anUnreadableFileIsADiagnosticToo() {
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/scenario.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/scenario.yaml:1:1: cannot read the file; "
                + "expected a readable YAML scenario file")
        }
    }

    @Test func loadingIsDeterministic() throws {
        let path = Fixtures.path("valid/barrier-gpu.yaml")
        let a = try ScenarioLoader.load(path: path)
        let b = try ScenarioLoader.load(path: path)
        #expect(a == b)
    }
}
