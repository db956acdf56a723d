import ArgumentParser
import Foundation
import Lab

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a scenario that re-creates the application of a Spark event log.",
        discussion: """
            The scenario keeps the log's master or executors, the spark.* settings sparksim \
            knows, every job in order with the driver's time between jobs, every stage that \
            ran with its shuffle parents (skipped stages skipped), each task's measured \
            executorRunTime and shuffle bytes, and task failures and executor losses as \
            faults; the control plane adds the rest when it runs. Without --out the \
            scenario goes to standard output. Bad input: a file:line message, exit 2, \
            nothing written.
            """)

    @Argument(help: "The event log.") var log: String
    @Option(name: .customLong("out"), help: "The scenario file to write.") var output: String?
    @Option(help: "The scenario's name (default: replay-<application name>).") var name: String?

    func run() throws {
        let imported: (name: String, yaml: String, notes: [String])
        do {
            imported = try EventLogImport.scenarioText(logPath: log, name: name)
        } catch {
            printToStandardError("sparksim: \(error)")
            throw ExitCode(2)
        }
        for note in imported.notes { printToStandardError("sparksim: not re-created: \(note)") }
        guard let output else {
            print(imported.yaml, terminator: "")
            return
        }
        do {
            try Data(imported.yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            print("wrote \(output) (scenario \(imported.name))")
        } catch {
            printToStandardError("sparksim: cannot write \(output): \(error)")
            throw ExitCode(1)
        }
    }
}
