import ArgumentParser
import Lab

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file against the scenario contract.",
        discussion: """
            Prints every problem as file:line:column: what is wrong; what was expected \
            (on stderr) and exits 2; prints a one-line description and exits 0 when the \
            file is valid.
            """)

    @Argument(help: "The scenario file (YAML).") var file: String

    func run() throws {
        let scenario = try loadScenarioOrExit(file)
        let variants = scenario.variants.map { $0.name.isEmpty ? $0.workload.kind : "\($0.name) (\($0.workload.kind))" }
        print("\(file): valid scenario '\(scenario.name)': \(scenario.cluster.executors.count) executor(s), "
              + "workload \(variants.joined(separator: ", ")), \(scenario.faults.count) fault(s), seed \(scenario.seed)")
    }
}

/// Loads `path` or prints its diagnostics on stderr and exits with status 2.
func loadScenarioOrExit(_ path: String) throws -> Scenario {
    try loadSourceOrExit(path).scenario
}

/// Loads `path` with `--set PATH=VALUE` overrides applied before it is validated, or
/// prints its diagnostics (an override's own naming it) on stderr and exits with status 2.
func loadScenarioOrExit(_ path: String, settings: [String]) throws -> Scenario {
    guard !settings.isEmpty else { return try loadScenarioOrExit(path) }
    do {
        return try ScenarioLoader.load(path: path, settings: settings)
    } catch {
        for diagnostic in error.diagnostics { printToStandardError(diagnostic.description) }
        throw ExitCode(2)
    }
}

/// Loads `path` with its YAML tree (for sweeping) or prints its diagnostics on stderr and
/// exits with status 2.
func loadSourceOrExit(_ path: String, settings: [String] = []) throws -> SweepSource {
    do {
        return try ScenarioLoader.loadSource(path: path, settings: settings)
    } catch {
        for diagnostic in error.diagnostics { printToStandardError(diagnostic.description) }
        throw ExitCode(2)
    }
}
