import ArgumentParser
import Lab

/// An event-log replay, timed: what `sparksim replay` costs per task.
struct BenchReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Time a replay of an event log; the last line is case=replay tasks=<n> wall_s=<x> tasks_per_s=<y>.",
        discussion: """
            With --copies K (default 10), writes a temporary log made of the log's lines before \
            its first job, that job K times (each copy renumbered and moved in time after the \
            one before, as scripts/make-big-eventlog.py does) and its application end, then \
            times the replay of it; --copies 0 replays the log as it is. The default log is the \
            public tiny_tasks log (a first job of 2,000 tasks), so K copies are 2,000 x K tasks; \
            run from the repository root or give --log. The wall time covers the replay alone \
            (reading, decoding, importing, simulating, and making the replay folder's files in \
            memory: nothing is written); making the log is outside it. The line before the \
            last is the replay's own app=... line. A log that cannot be read exits 2.
            """)

    @Option(help: "The event log (any form `sparksim replay` reads).") var log: String = ReplayBenchmark.defaultLog
    @Option(help: "Copies of the log's first job (0: the log as it is).") var copies: Int = 10

    func validate() throws {
        if let problem = ReplayBenchmark.problem(copies: copies) { throw ValidationError(problem) }
    }

    func run() throws {
        let measurement: ReplayBenchmark.Measurement
        do {
            measurement = try ReplayBenchmark.measure(logPath: log, copies: copies)
        } catch {
            printToStandardError("sparksim: \(error)")
            throw ExitCode(2)
        }
        print(measurement.replayLine)
        print(measurement.line)
    }
}
