import ArgumentParser
import Lab

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Import a Spark event log, run it, and compare real with simulated time.",
        discussion: """
            Writes DIR/<name>/ with everything `sparksim run` writes, plus replay.csv \
            (scope,id,real_ns,simulated_ns,relative_error for the application, every job \
            and every stage attempt), the imported scenario.yaml, and a report.md that \
            opens with the comparison, largest errors first. The last line on standard \
            output is `app=<id> real_s=<s> simulated_s=<s> error=<signed percent>`. \
            Bad input: a file:line message, exit 2, nothing written.
            """)

    @Argument(help: "The event log.") var log: String
    @Option(name: .customLong("out"), help: "Folder that receives <name>/.") var outputDirectory: String = "."

    func run() throws {
        let result: EventLogReplay.Result
        do {
            result = try EventLogReplay.run(logPath: log)
        } catch {
            printToStandardError("sparksim: \(error)")
            throw ExitCode(2)
        }
        for note in result.notes { printToStandardError("sparksim: not re-created: \(note)") }
        do {
            let path = try result.folder.publish(into: outputDirectory, name: result.name)
            print("wrote \(path)/ (\(result.folder.files.map(\.name).joined(separator: ", ")))")
        } catch {
            printToStandardError("sparksim: cannot write \(outputDirectory): \(error)")
            throw ExitCode(1)
        }
        print(result.summaryLine)
    }
}
