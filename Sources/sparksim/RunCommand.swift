import ArgumentParser
import Lab

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write DIR/<name>/{trace.csv,summary.csv,report.md}.",
        discussion: """
            `collective` workloads run on the simulated network and write collective.csv \
            and links.csv. NOTE: the Spark scheduler is not built yet in this version, so \
            for scripted and training workloads a run simulates the cluster only \
            (executors present at time 0 and the cluster faults) and its report says so; \
            the workload is validated but not simulated, and summary.csv leaves the job \
            and task columns empty. Outputs appear all at once (written under a temporary name and renamed \
            into place); a malformed scenario writes nothing and exits 2.
            """)

    @Argument(help: "The scenario file (YAML).") var file: String
    @Option(name: .customLong("out"), help: "Folder that receives <name>/.") var outputDirectory: String

    func run() throws {
        let scenario = try loadScenarioOrExit(file)
        let folder = Runner.run(scenario)
        do {
            let path = try folder.publish(into: outputDirectory, name: scenario.name)
            print("wrote \(path)/ (\(folder.files.map(\.name).joined(separator: ", ")))")
            if scenario.variants.contains(where: { $0.workload.kind != "collective" }) {
                print("note: the Spark engine is not built yet: only the cluster was simulated, not the workload")
            }
        } catch {
            printToStandardError("sparksim: cannot write \(outputDirectory): \(error)")
            throw ExitCode(1)
        }
    }
}
