import Testing
@testable import Lab

/// Real Spark run a (validation/spark-real): pyspark.ml LogisticRegression, maxIter 10,
/// 200,000 x 20 rows in 8 partitions, fits in 12 jobs (1 Summarizer + 11 loss/gradient
/// evaluations), each 8 -> 2 -> 1 tasks: 36 stages, 132 tasks.
///
/// The runtime submits exactly one job per trainer pass, so the job count is Breeze's
/// evaluation count plus one. With every line search accepting its first step that is
/// 1 + 11 (seed 2 here). On seed 1's rows the step t = 1 of iteration 10 raises the
/// objective (0.2067676172968 -> 0.2067676522430, failing sufficient decrease), so
/// Breeze's strong-Wolfe search zooms once: 1 + 12 = 13 jobs, the extra one being the
/// second `loss-gradient` job of iteration 10. Breeze does the same on those numbers.
@Suite struct RealRunAJobCountTests {
    static func yaml(seed: Int) -> String {
        """
        name: real-a
        seed: \(seed)
        cluster: {master: "local[4]"}
        engine: {task_launch_overhead: 3ms, control_plane: none}
        workload: {kind: logistic-regression, style: task-parallel, data: {rows: 200000, features: 20},
                   partitions: 8, solver: lbfgs, max_iter: 10, tol: 1e-6, reg_param: 0}
        """
    }

    /// Job names in submission order and the summary's task count.
    static func run(seed: Int) throws -> (jobs: [String], stages: Int, tasks: Int, lastIterationAt: [Int64]) {
        let folder = Runner.run(try ScenarioLoader.load(text: yaml(seed: seed), file: "real-a.yaml"))
        let trace = folder.files.first { $0.name == "trace.csv" }!.contents.split(separator: "\n")
        let events = trace.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let jobs = events.filter { $0[1] == "job-submitted" }.map { String($0[2]) }
        let stages = events.filter { $0[1] == "stage-submitted" }.count
        let tasks = events.filter { $0[1] == "task-launched" }.count
        let iterations = folder.files.first { $0.name == "iterations.csv" }!.contents.split(separator: "\n")
        let times = iterations.dropFirst().map { row in
            Int64(row.split(separator: ",", omittingEmptySubsequences: false)[2])!
        }
        return (jobs, stages, tasks, times)
    }

    @Test func everyLineSearchAcceptingItsFirstStepGivesRunAsTwelveJobs() throws {
        let run = try Self.run(seed: 2)
        #expect(run.jobs == ["summary-0"] + (1...11).map { "loss-gradient-\($0)" })
        #expect(run.stages == 36 && run.tasks == 132)
    }

    @Test func aZoomInTheLastLineSearchIsOneMoreJob() throws {
        let run = try Self.run(seed: 1)
        #expect(run.jobs.count == 13 && run.stages == 39 && run.tasks == 143)
        // Iterations 1-9 take one pass each; iteration 10 takes two.
        let gaps = zip(run.lastIterationAt.dropFirst(2), run.lastIterationAt.dropFirst()).map { $0 - $1 }
        #expect(gaps.dropLast().allSatisfy { abs($0 - gaps[0]) < gaps[0] / 10 })
        #expect(gaps.last! > gaps[0] * 19 / 10)
    }
}
