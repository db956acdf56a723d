import ArgumentParser
import Foundation
import Lab

/// `sparksim swarm-worker` (hidden): what `sparksim swarm` runs in child processes. It
/// runs generated seeds, or one scenario file, and writes `SwarmWorkerLine`s on standard
/// output, flushed after each, so a trap or a hang costs the parent one seed, not a batch.
struct SwarmWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swarm-worker", abstract: "Runs swarm seeds for `sparksim swarm` (internal).",
        shouldDisplay: false)

    @Option(help: "First seed.") var from: UInt64 = 0
    @Option(help: "How many seeds.") var seeds: Int = 0
    @Option(help: "Run every k-th seed twice and compare the bytes (0: never).") var twiceEvery: Int = 0
    @Option(help: "Run this scenario file instead of generated seeds.") var file: String?
    @Flag(help: "With --file: run it twice and compare the bytes.") var twice = false
    @Flag(help: "Print the scenario of seed --from instead of running it.") var printScenario = false

    func run() throws {
        if printScenario { return print(SwarmScenarioGenerator.make(seed: from).yaml, terminator: "") }
        if let file {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            emit(.start(seed: 0))
            emit(SwarmWorkerLine(seed: 0, SwarmRun.run(yaml: text, file: file, twice: twice)))
            return
        }
        for offset in 0..<seeds {
            let seed = from + UInt64(offset)
            emit(.start(seed: seed))
            let scenario = SwarmScenarioGenerator.make(seed: seed)
            let twice = twiceEvery > 0 && seed % UInt64(twiceEvery) == 0
            emit(SwarmWorkerLine(seed: seed, SwarmRun.run(yaml: scenario.yaml, file: "swarm-\(seed).yaml", twice: twice)))
        }
    }

    private func emit(_ line: SwarmWorkerLine) {
        FileHandle.standardOutput.write(Data((line.text + "\n").utf8))
    }
}
