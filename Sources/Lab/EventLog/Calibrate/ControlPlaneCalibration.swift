import Foundation
import Report

/// `sparksim calibrate LOG...`: the control plane's costs fitted to real event logs by
/// least squares (GSL, through `MultipleLinearFit`), each with its 95% interval.
///
/// The model, per task attempt of every log (times in milliseconds, as Spark records them):
/// - deserialisation = `task_deserialize` + `task_binary` × [first of its stage attempt on
///   its executor, or launched before that one was ready] + `executor_warmup` × [among the
///   first tasks its executor JVM ran, launched before the first was ready];
/// - scheduler delay (the UI's formula) = `task_launch` × (its place in the burst of tasks
///   its stage attempt launched in the same millisecond, from 1) + 2 × `rpc_latency` +
///   `result_getter` + `task_end`, the last two at their defaults (the log cannot tell them
///   apart from the RPCs);
/// - result serialisation = `result_serialize`;
/// and per stage attempt, submission to first launch = `stage_submit` + `task_launch`.
/// Costs are held non-negative. Costs the logs cannot show (job submission, the Python
/// worker, MLlib's driver work) are not fitted and keep their defaults.
public enum ControlPlaneCalibration {
    public struct Cost: Equatable {
        public let name: String
        public let milliseconds: Double
        public let halfWidth: Double
    }

    public struct Residual: Equatable {
        public let log: String
        public let tasks: Int
        /// Root mean square of the deserialisation and scheduler-delay residuals, ms.
        public let deserializeRMS: Double
        public let schedulerDelayRMS: Double
    }

    public struct Result {
        public let costs: [Cost]
        public let residuals: [Residual]
        /// The hosts' physical cores, estimated by replaying the logs with the fitted costs.
        public let physicalCores: PhysicalCoresEstimate
        /// The scenario fragment `replay --calibration` reads.
        public let fragment: String
    }

    struct TaskObservation {
        let log: Int
        let deserialize: Double
        let firstOfStageOnExecutor: Bool
        let firstOnExecutor: Bool
        let schedulerDelay: Double
        let burstPlace: Int
        let resultSerialize: Double
    }

    public static func calibrate(logPaths: [String]) throws -> Result {
        var tasks: [TaskObservation] = []
        var stageStarts: [Double] = []
        var records: [PhysicalCoresEstimate.Log] = []
        for (index, path) in logPaths.enumerated() {
            var source = try EventLogInput.open(path)
            let record = try SparkApplicationRecord.read(&source)
            records.append(PhysicalCoresEstimate.Log(name: (path as NSString).lastPathComponent, record: record))
            tasks += observations(record, log: index)
            stageStarts += stageStartDelays(record)
        }
        guard tasks.count >= 4, stageStarts.count >= 2 else {
            throw EventLogError(file: logPaths.joined(separator: ", "), "too few tasks to calibrate on (\(tasks.count))")
        }
        let deserialize = try MultipleLinearFit(
            rows: tasks.map { [1, $0.firstOfStageOnExecutor ? 1 : 0, $0.firstOnExecutor ? 1 : 0] },
            y: tasks.map(\.deserialize))
        let delay = try MultipleLinearFit(rows: tasks.map { [1, Double($0.burstPlace)] }, y: tasks.map(\.schedulerDelay))
        let serialize = try MultipleLinearFit(rows: tasks.map { _ in [1] }, y: tasks.map(\.resultSerialize))
        let stage = try MultipleLinearFit(rows: stageStarts.map { _ in [1] }, y: stageStarts)
        let defaults = ControlPlaneCosts()
        let fixed = Double(defaults.resultGetter.nanoseconds + defaults.taskEnd.nanoseconds) / 1e6
        let launch = delay.coefficients[1]
        let rpc = max(0, (delay.coefficients[0] - fixed) / 2)
        let costs = [
            Cost(name: "task_deserialize", milliseconds: deserialize.coefficients[0], halfWidth: deserialize.halfWidths[0]),
            Cost(name: "task_binary", milliseconds: deserialize.coefficients[1], halfWidth: deserialize.halfWidths[1]),
            Cost(name: "executor_warmup", milliseconds: deserialize.coefficients[2], halfWidth: deserialize.halfWidths[2]),
            Cost(name: "task_launch", milliseconds: launch, halfWidth: delay.halfWidths[1]),
            Cost(name: "rpc_latency", milliseconds: rpc, halfWidth: delay.halfWidths[0] / 2),
            Cost(name: "result_serialize", milliseconds: serialize.coefficients[0], halfWidth: serialize.halfWidths[0]),
            Cost(name: "stage_submit", milliseconds: max(0, stage.coefficients[0] - launch), halfWidth: stage.halfWidths[0]),
        ]
        let residuals = logPaths.indices.map { index -> Residual in
            let mine = tasks.filter { $0.log == index }
            func rms(_ values: [Double]) -> Double {
                values.isEmpty ? 0 : (values.map { $0 * $0 }.reduce(0, +) / Double(values.count)).squareRoot()
            }
            return Residual(
                log: (logPaths[index] as NSString).lastPathComponent, tasks: mine.count,
                deserializeRMS: rms(mine.map { task in
                    task.deserialize - deserialize.coefficients[0]
                        - (task.firstOfStageOnExecutor ? deserialize.coefficients[1] : 0)
                        - (task.firstOnExecutor ? deserialize.coefficients[2] : 0)
                }),
                schedulerDelayRMS: rms(mine.map { $0.schedulerDelay - delay.coefficients[0] - launch * Double($0.burstPlace) }))
        }
        let fitted = costs.map { (key: $0.name, value: "\(Int64(($0.milliseconds * 1_000).rounded()))us") }
        let cores = try PhysicalCoresEstimate.estimate(records.filter { $0.record.end != nil }, controlPlane: fitted)
        return Result(costs: costs, residuals: residuals, physicalCores: cores,
                      fragment: fragment(costs, logs: logPaths, tasks: tasks.count, cores: cores))
    }

    private static func fragment(_ costs: [Cost], logs: [String], tasks: Int, cores: PhysicalCoresEstimate) -> String {
        var text = "# Control-plane costs fitted by `sparksim calibrate` on \(logs.count) event log(s), \(tasks) task attempts:\n"
        for log in logs { text += "#   \((log as NSString).lastPathComponent)\n" }
        text += "# Read by `sparksim replay --calibration FILE`; the same keys work in a scenario's engine: section.\n"
        text += "engine:\n  control_plane:\n"
        for cost in costs {
            text += "    \(cost.name): \(Int64((cost.milliseconds * 1_000).rounded()))us\n"
        }
        if let physical = cores.cores {
            text += "# The hosts' physical cores: the count under which each log's what-if on another log's shape\n"
            text += "# predicts that log's application time best (RMS relative errors: "
                + cores.candidates.map { "\($0.cores.map(String.init) ?? "as many as slots") \(percent($0.rmsError))" }
                    .joined(separator: ", ") + ").\n"
            text += "cluster:\n  cpu:\n    physical_cores: \(physical)\n"
        }
        return text
    }

    static func percent(_ value: Double) -> String {
        let tenths = Int64((value * 1_000).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }

    /// Every finished task attempt with metrics, as the model's observations.
    static func observations(_ record: SparkApplicationRecord, log: Int) -> [TaskObservation] {
        var result: [TaskObservation] = []
        // The first launch and its deserialisation, per executor and per (stage attempt, executor).
        var executorFirst: [String: (launch: Int64, ready: Int64)] = [:]
        let ends = record.stageAttempts.keys.sorted().flatMap { key in record.stageAttempts[key]!.taskEnds }
            .filter { $0.metrics != nil && $0.reason != "TaskKilled" }
            .sorted { ($0.info.launchTime, $0.info.taskID) < ($1.info.launchTime, $1.info.taskID) }
        for end in ends where executorFirst[end.info.executor] == nil {
            executorFirst[end.info.executor] = (end.info.launchTime, end.info.launchTime + end.metrics!.executorDeserializeTime)
        }
        var stageFirst: [String: Int64] = [:]
        var burst: [String: Int] = [:]
        for end in ends {
            let metrics = end.metrics!
            let stageExecutor = "\(end.stage).\(end.stageAttempt)|\(end.info.executor)"
            let firstReady = stageFirst[stageExecutor] ?? (end.info.launchTime + metrics.executorDeserializeTime)
            if stageFirst[stageExecutor] == nil { stageFirst[stageExecutor] = firstReady }
            let burstKey = "\(end.stage).\(end.stageAttempt)|\(end.info.launchTime)"
            burst[burstKey, default: 0] += 1
            let duration = end.info.finishTime - end.info.launchTime
            let delay = max(0, duration - metrics.executorRunTime - metrics.executorDeserializeTime
                - metrics.resultSerializationTime)
            let executor = executorFirst[end.info.executor]!
            result.append(TaskObservation(
                log: log, deserialize: Double(metrics.executorDeserializeTime),
                firstOfStageOnExecutor: end.info.launchTime < firstReady,
                firstOnExecutor: end.info.launchTime < executor.ready,
                schedulerDelay: Double(delay), burstPlace: burst[burstKey]!,
                resultSerialize: Double(metrics.resultSerializationTime)))
        }
        return result
    }

    /// Per stage attempt that ran: its submission to its first task's launch, ms.
    static func stageStartDelays(_ record: SparkApplicationRecord) -> [Double] {
        record.stageAttempts.keys.sorted().compactMap { key in
            let attempt = record.stageAttempts[key]!
            guard let submitted = attempt.completed?.submissionTime ?? attempt.info.submissionTime,
                  let first = attempt.taskEnds.map(\.info.launchTime).min() else { return nil }
            return Double(max(0, first - submitted))
        }
    }
}
