import ArgumentParser
import Foundation
import Lab

/// The `sparksim` command: a thin layer over `Lab`. Exit status 0 = ran, 2 = unusable
/// input (nothing written), 1 = internal error.
@main
struct Sparksim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sparksim",
        abstract: "A deterministic simulation lab for Spark scheduling and distributed training.",
        discussion: """
            Scenario files are YAML (see README.md, "Scenario files"). The same scenario and \
            seed always give byte-identical outputs.
            """,
        version: "sparksim \(SparksimVersion.current)",
        subcommands: [ValidateCommand.self, RunCommand.self, SweepCommand.self, CheckCommand.self, DiffCommand.self,
                      CompareCommand.self,
                      BenchCommand.self, ImportCommand.self, ReplayCommand.self, CalibrateCommand.self,
                      SwarmCommand.self, SwarmWorkerCommand.self])

    /// ArgumentParser's `main`, except that a malformed command line (unknown option,
    /// missing argument, bad value) exits 2 like any other unusable input, not 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            printToStandardError(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
