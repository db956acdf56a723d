import ArgumentParser

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
        subcommands: [ValidateCommand.self, RunCommand.self, SweepCommand.self, CheckCommand.self, DiffCommand.self,
                      BenchCommand.self, ImportCommand.self, ReplayCommand.self, CalibrateCommand.self,
                      SwarmCommand.self, SwarmWorkerCommand.self])
}
