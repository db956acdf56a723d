import Testing
@testable import Lab

/// The control plane's training costs: MLlib's driver work around its jobs, its JVM row
/// overhead and code warm-up, the Python worker and each Python task's round trip, and
/// results above `spark.task.maxDirectResultSize`.
@Suite struct ControlPlaneTrainingTests {
    static func logisticRegression(_ controlPlane: String, master: String = "local[2]", partitions: Int = 2,
                                   rows: Int = 200, style: String = "task-parallel", spark: String = "{}",
                                   maxIter: Int = 3) -> String {
        """
        name: t
        seed: 3
        cluster: {master: "\(master)"}
        spark: \(spark)
        engine: {control_plane: \(controlPlane)}
        workload:
          kind: logistic-regression
          style: \(style)
          data: {rows: \(rows), features: 4}
          partitions: \(partitions)
          solver: gd
          max_iter: \(maxIter)
          tol: 0
          reg_param: 0
        """
    }

    /// Job (submit, end) instants in ms, in order.
    static func jobs(_ rows: [ControlPlaneRow]) -> [(submit: Double, end: Double)] {
        let submits = instants(rows, "job-submitted")
        let ends = instants(rows, "job-succeeded")
        return Array(zip(submits, ends))
    }

    @Test func mllibsDriverWorkSurroundsItsJobs() throws {
        let run = try controlPlaneRun(Self.logisticRegression(
            "{base: none, mllib_fit_start: 1s, mllib_setup: 2s, mllib_iteration: 100ms, mllib_fit_end: 500ms}"))
        let jobs = Self.jobs(run.rows)
        try #require(jobs.count >= 3)
        #expect(jobs[0].submit == 1000)
        // The update's own FLOPs take well under a millisecond here.
        let setup = jobs[1].submit - jobs[0].end
        #expect(setup >= 2000 && setup < 2001, "setup gap \(setup) ms")
        for k in 2..<jobs.count {
            let gap = jobs[k].submit - jobs[k - 1].end
            #expect(gap >= 100 && gap < 101, "gap before job \(k): \(gap) ms")
        }
        let end = Double(run.makespan) / 1e6 - jobs.last!.end
        #expect(end >= 500 && end < 501, "fit end \(end) ms")
    }

    @Test func codeWarmUpHalvesWithEveryWaveOfItsTasks() throws {
        let run = try controlPlaneRun(Self.logisticRegression(
            "{base: none, mllib_code_warmup: 800ms}", partitions: 4, maxIter: 2))
        let durations = Self.jobs(run.rows).map { $0.end - $0.submit }
        try #require(durations.count >= 3)
        // Summary: first wave +800, second +400; the first gradient pass the same (new
        // code); the next gradient pass +200 then +100.
        #expect(durations[0] >= 1200 && durations[0] < 1210, "\(durations)")
        #expect(durations[1] >= 1200 && durations[1] < 1210, "\(durations)")
        #expect(durations[2] >= 300 && durations[2] < 310, "\(durations)")
    }

    @Test func mllibsTaskAndRowOverheadsAreChargedPerDataTaskAndPerRow() throws {
        let none = try controlPlaneRun(Self.logisticRegression("none", master: "local[1]", partitions: 1, rows: 10_000))
        let rowCost = try controlPlaneRun(Self.logisticRegression(
            "{base: none, mllib_row: 1us}", master: "local[1]", partitions: 1, rows: 10_000))
        let jobs = Int64(Self.jobs(none.rows).count)
        #expect(rowCost.makespan - none.makespan == jobs * 10_000_000)
        let taskCost = try controlPlaneRun(Self.logisticRegression(
            "{base: none, mllib_task: 30ms}", master: "local[1]", partitions: 1, rows: 10_000))
        #expect(taskCost.makespan - none.makespan == jobs * 30_000_000)
    }

    @Test func pythonWorkersStartAndEveryPythonTaskRoundTrips() throws {
        let none = try controlPlaneRun(Self.logisticRegression("none", style: "barrier-allreduce"))
        let python = try controlPlaneRun(Self.logisticRegression(
            "{base: none, python_task: 100ms, python_worker_startup: 1s}", style: "barrier-allreduce"))
        #expect(python.makespan - none.makespan == 1_100_000_000)
    }

    @Test func aResultAboveTheDirectSizeIsFetchedFromTheBlockManager() throws {
        let direct = try controlPlaneRun(Self.logisticRegression("{base: none, rpc_latency: 10ms}"))
        let indirect = try controlPlaneRun(Self.logisticRegression(
            "{base: none, rpc_latency: 10ms}", spark: "{spark.task.maxDirectResultSize: 8}"))
        // Each job's final task sends its sum to the driver: two more RPCs each.
        let jobs = Int64(Self.jobs(direct.rows).count)
        #expect(indirect.makespan - direct.makespan == jobs * 20_000_000)
    }
}
