import ArgumentParser
import Lab

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write DIR/<name>/{trace.csv,summary.csv,report.md}.",
        discussion: """
            Workload kinds (workload.kind, or each variant of compare:):

            \(WorkloadKindCatalog.helpText())

            Every run writes trace.csv, summary.csv, report.md, and for runs that launch \
            tasks tasks.csv, trace.json and timeline.svg (docs/outputs.md). Event logs are \
            re-created with `sparksim import` and `sparksim replay`. Outputs appear all at \
            once (written under a temporary name and renamed into place); a malformed \
            scenario writes nothing and exits 2. An existing DIR/<name>/ is replaced only \
            when it holds a run of the same scenario (.sparksim-output says so); a sweep, a \
            replay or a folder sparksim did not write is refused with exit 1 unless --force.
            """)

    @Argument(help: "The scenario file (YAML).") var file: String
    @Option(name: .customLong("out"), help: "Folder that receives <name>/.") var outputDirectory: String
    @Flag(help: "Replace DIR/<name>/ whatever it holds.") var force = false
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one key before the file is validated, PATH=VALUE with the paths of sweep.parameters "
            + "(spark.locality.wait=0s, cluster.racks=4); repeatable.", valueName: "PATH=VALUE"))
    var settings: [String] = []
    @Option(help: "Override the scenario's seed.") var seed: UInt64?

    func run() throws {
        var scenario = try loadScenarioOrExit(file, settings: settings)
        if let seed { scenario.seed = seed }
        let folder = Runner.run(scenario)
        try publishOrExit(folder, into: outputDirectory, name: scenario.name, kind: .run, force: force)
    }
}
