import ArgumentParser
import Foundation
import Lab

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-run every scenario in memory and compare it with its committed results/<name>/.",
        discussion: """
            Scenarios are every *.yaml under --scenarios, in sorted path order; each is run \
            in memory (nothing is written) and compared as `sparksim diff` compares two \
            folders. Prints one line per scenario (ok, DIFFERS, MISSING, INVALID) and, under \
            the first that differs (every one with --all), its first diverging trace event \
            with context. Exit status: 0 all match, 1 something differs or is missing, \
            2 unusable input.
            """)

    @Option(help: ArgumentHelp("Folder of scenario files, searched recursively.", valueName: "folder"))
    var scenarios = "scenarios"
    @Option(help: ArgumentHelp("Folder of committed results.", valueName: "folder"))
    var results = "results"
    @Option(help: ArgumentHelp("Scenarios run at once (default: the active processor count).", valueName: "n"))
    var jobs: Int?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Only these scenarios (names or file stems).",
                                                         valueName: "name"))
    var only: [String] = []
    @Flag(help: "Show the divergence of every differing scenario, not only the first.") var all = false
    @Flag(help: "No progress line on a terminal.") var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        guard let files = ScenarioCheck.scenarioFiles(in: scenarios) else {
            printToStandardError("sparksim: no folder of scenarios at '\(scenarios)' (from \(currentFolder)); "
                                 + "run check from the repository's root, or pass --scenarios <folder> "
                                 + "and --results <folder>")
            throw ExitCode(2)
        }
        guard FileManager.default.fileExists(atPath: results) else {
            printToStandardError("sparksim: no folder of results at '\(results)' (from \(currentFolder)); "
                                 + "pass --results <folder> with the committed results of \(scenarios)")
            throw ExitCode(2)
        }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let (paths, unknown) = ScenarioCheck.select(files, in: scenarios, only: only)
        guard unknown.isEmpty else {
            printToStandardError("sparksim: no scenario named \(unknown.joined(separator: ", ")) under \(scenarios)")
            throw ExitCode(2)
        }
        let progress = TerminalProgress(total: paths.count, unit: "scenarios", enabled: TerminalProgress.wanted(quiet: quiet))
        let tally = Tally(showAll: all, progress: progress)
        ScenarioCheck.run(scenarios: scenarios, paths: paths, results: results, jobs: jobs) { tally.print($0) }
        progress.clear()
        print("check: \(paths.count - tally.failures) of \(paths.count) scenario(s) match \(results)/")
        if tally.invalid { throw ExitCode(2) }
        if tally.failures > 0 { throw ExitCode(1) }
    }
}

/// Prints verdicts as they arrive (already in order) and counts the failures.
private final class Tally: @unchecked Sendable {
    let showAll: Bool
    var failures = 0
    var invalid = false
    var shownDetails = false

    let progress: TerminalProgress

    init(showAll: Bool, progress: TerminalProgress) {
        self.showAll = showAll
        self.progress = progress
    }

    func print(_ verdict: ScenarioCheck.Verdict) {
        progress.clear()
        defer { progress.advance(note: verdict.name) }
        Swift.print("\(verdict.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(verdict.name)")
        if verdict.status != .ok { failures += 1 }
        if verdict.status == .invalid { invalid = true }
        verdict.problems.forEach { Swift.print("    " + $0) }
        if let diff = verdict.diff, showAll || !shownDetails {
            shownDetails = true
            diff.lines(labels: ("results", "now")).forEach { Swift.print("    " + $0) }
        }
    }
}

private var currentFolder: String { FileManager.default.currentDirectoryPath }
