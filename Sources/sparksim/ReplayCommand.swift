import ArgumentParser
import Foundation
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
            What-if: --executors N and/or --cores C run the same application on N \
            executors of C cores (real times left empty); --executors 1,2,4,8 runs it on each \
            count and writes DIR/<name>-whatif/ with whatif.csv, whatif.md and whatif.svg \
            (application time and core utilisation per count). Bad input: a file:line \
            message, exit 2, nothing written.
            """)

    @Argument(help: "The event log.") var log: String
    @Option(name: .customLong("out"), help: "Folder that receives <name>/.") var outputDirectory: String = "."
    @Option(help: "What-if: executors, or a comma-separated list of counts.") var executors: String?
    @Option(help: "What-if: cores per executor.") var cores: Int?
    @Flag(help: "Replace DIR/<name>/ whatever it holds.") var force = false
    @Option(help: "A calibration fragment (sparksim calibrate --out FILE).") var calibration: String?
    @Option(help: "The run's name (default: replay-<application name>).") var name: String?
    @Option(name: .customLong("set"), help: "What-if: set a key of the imported scenario, PATH=VALUE (repeatable).")
    var settings: [String] = []

    func validate() throws {
        if let counts = executorCounts, counts.isEmpty || counts.contains(where: { $0 < 1 || $0 > 100_000 }) {
            throw ValidationError("--executors takes whole numbers from 1 to 100000, comma-separated")
        }
        if let cores, cores < 1 || cores > 4_096 { throw ValidationError("--cores takes a whole number from 1 to 4096") }
    }

    var executorCounts: [Int]? {
        executors.map { $0.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 } }
    }

    func run() throws {
        if let counts = executorCounts, counts.count > 1 {
            try runTable(counts)
            return
        }
        let shape = executors != nil || cores != nil ? ClusterShape(executors: executorCounts?.first, cores: cores) : nil
        let result: EventLogReplay.Result
        do {
            result = try EventLogReplay.run(logPath: log, shape: shape, calibration: calibration, name: name,
                                            settings: settings)
        } catch {
            printToStandardError("sparksim: \(error)")
            throw ExitCode(2)
        }
        for note in result.notes { printToStandardError("sparksim: not re-created: \(note)") }
        try publishOrExit(result.folder, into: outputDirectory, name: result.name, kind: .replay, force: force)
        print(result.summaryLine)
    }

    private func runTable(_ counts: [Int]) throws {
        let table: (name: String, folder: OutputFolder)
        do {
            table = try EventLogReplay.whatIf(logPath: log, executorCounts: counts, cores: cores, calibration: calibration,
                                              settings: settings)
        } catch {
            printToStandardError("sparksim: \(error)")
            throw ExitCode(2)
        }
        try publishOrExit(table.folder, into: outputDirectory, name: table.name, kind: .whatIf, force: force)
    }
}
