import ArgumentParser
import Lab

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write DIR/<name>/{trace.csv,summary.csv,report.md}.",
        discussion: """
            NOTE: the Spark scheduler is not built yet in this version. A run simulates \
            cluster membership only (executors present at time 0; executor-added, \
            executor-lost and host-lost faults) and its report says so; the workload is \
            validated but not simulated, and summary.csv leaves the job and task columns \
            empty. Outputs appear all at once (written under a temporary name and renamed \
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
            print("note: \(Runner.simulatedScope): the Spark engine is not built yet; the workload was not simulated")
        } catch {
            printToStandardError("sparksim: cannot write \(outputDirectory): \(error)")
            throw ExitCode(1)
        }
    }
}
