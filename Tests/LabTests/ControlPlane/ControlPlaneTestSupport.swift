import Testing
@testable import Lab

/// One row of a run's trace.csv, as the control-plane tests read it.
struct ControlPlaneRow {
    let nanoseconds: Int64
    let event: String
    let job: String
    let stage: String
    let partition: String

    var milliseconds: Double { Double(nanoseconds) / 1e6 }
}

/// Runs scenario text and returns its trace rows and its makespan (summary.csv).
func controlPlaneRun(_ yaml: String) throws -> (rows: [ControlPlaneRow], makespan: Int64) {
    let folder = Runner.run(try ScenarioLoader.load(text: yaml, file: "t.yaml"))
    let trace = try #require(folder.files.first { $0.name == "trace.csv" }?.contents)
    let rows = trace.split(separator: "\n").dropFirst().map { line -> ControlPlaneRow in
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return ControlPlaneRow(nanoseconds: Int64(f[0])!, event: f[1], job: f[2], stage: f[3], partition: f[5])
    }
    let summary = try #require(folder.files.first { $0.name == "summary.csv" }?.contents)
    let values = summary.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
    return (rows, Int64(values[3])!)
}

/// The instants (ms) of `event` rows, in trace order.
func instants(_ rows: [ControlPlaneRow], _ event: String, job: String? = nil) -> [Double] {
    rows.filter { $0.event == event && (job == nil || $0.job == job) }.map(\.milliseconds)
}

/// A scripted scenario on `master` with the given control plane and jobs.
func scriptedControlPlane(_ controlPlane: String, master: String = "local[4]", spark: String = "{}",
                          jobs: String) -> String {
    """
    name: t
    cluster: {master: "\(master)"}
    spark: \(spark)
    engine: {shuffle_offers: false, control_plane: \(controlPlane)}
    workload:
      kind: scripted
      jobs:
    \(jobs)
    """
}

/// One job of one stage of four 1-second tasks.
let fourOneSecondTasks = """
      - name: j
        stages: [{name: s, tasks: 4, duration: 1s}]
"""
