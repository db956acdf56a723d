import ArgumentParser
import Foundation
import Lab

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the control plane's costs to Spark event logs (least squares).",
        discussion: """
            Fits task deserialisation, a stage's task binary, the executor JVM's warm-up, \
            task launch, RPC latency, result serialisation and stage submission to the task \
            attempts of every log (GSL least squares, costs held non-negative), prints each \
            value with its 95% interval and each log's residuals, and writes the \
            engine.control_plane fragment that `sparksim replay --calibration FILE` reads \
            (standard output without --out). The hosts' physical cores, which no log \
            records, are estimated as the count under which the logs' replays match their \
            real application times best, when the logs show contention (cluster.cpu.\
            physical_cores in the fragment). Bad input: a file:line message, exit 2.
            """)

    @Argument(help: "One or more event logs.") var logs: [String]
    @Option(name: .customLong("out"), help: "The fragment file to write.") var output: String?

    func run() throws {
        let result: ControlPlaneCalibration.Result
        do {
            result = try ControlPlaneCalibration.calibrate(logPaths: logs)
        } catch {
            printToStandardError("sparksim: \(error)")
            throw ExitCode(2)
        }
        let report = { (line: String) in output == nil ? printToStandardError(line) : print(line) }
        for cost in result.costs {
            report("\(cost.name) = \(format(cost.milliseconds)) ms ± \(format(cost.halfWidth)) ms (95%)")
        }
        for residual in result.residuals {
            report("\(residual.log): \(residual.tasks) tasks, residual RMS deserialisation \(format(residual.deserializeRMS)) ms, "
                + "scheduler delay \(format(residual.schedulerDelayRMS)) ms")
        }
        let cores = result.physicalCores
        let profile = cores.candidates.map { "\($0.cores.map(String.init) ?? "as many as slots"): \(percent($0.rmsError))" }
            .joined(separator: ", ")
        let scores = profile.isEmpty ? "" : " (RMS error of each log's what-if on the other's shape, per core count: \(profile))"
        if let estimate = cores.cores {
            report("physical_cores = \(estimate)\(scores)")
        } else {
            report("physical_cores not estimated: \(cores.reason ?? "")\(scores); give them with "
                + "`replay --set cluster.cpu.physical_cores=N`")
        }
        guard let output else {
            print(result.fragment, terminator: "")
            return
        }
        do {
            try Data(result.fragment.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            print("wrote \(output)")
        } catch {
            printToStandardError("sparksim: cannot write \(output): \(error)")
            throw ExitCode(1)
        }
    }

    private func percent(_ value: Double) -> String { format(value * 100) + "%" }

    private func format(_ value: Double) -> String {
        let tenths = Int64((value * 100).rounded())
        return "\(tenths / 100).\(String(format: "%02lld", abs(tenths % 100)))"
    }
}
