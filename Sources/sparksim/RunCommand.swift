import ArgumentParser
import Lab

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write DIR/<name>/{trace.csv,summary.csv,report.md}.",
        discussion: """
            `scripted` workloads run on Spark's scheduler (sparksim's re-implementation) \
            over the simulated cluster; `collective` workloads run on the simulated \
            network and write collective.csv. NOTE: training workloads \
            (logistic-regression) are validated but not simulated yet: for them a run \
            simulates the cluster only, its report says so, and summary.csv leaves the \
            job and task columns empty. Outputs appear all at once (written under a temporary name and renamed \
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
            if scenario.variants.contains(where: { $0.workload.kind == "logistic-regression" }) {
                print("note: training workloads are not simulated yet: only the cluster was simulated for them")
            }
        } catch {
            printToStandardError("sparksim: cannot write \(outputDirectory): \(error)")
            throw ExitCode(1)
        }
    }
}
