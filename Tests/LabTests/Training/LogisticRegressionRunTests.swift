import Testing
@testable import Lab

/// `kind: logistic-regression` through the runner: the output files and their columns,
/// both styles on one cluster agreeing on the model.
@Suite struct LogisticRegressionRunTests {
    static let yaml = """
        name: lr-compare
        seed: 5
        cluster: {master: "local[4]"}
        engine: {task_launch_overhead: 20ms}
        compare:
          - {variant: mllib, kind: logistic-regression, style: task-parallel, data: {rows: 2000, features: 5},
             partitions: 8, max_iter: 8, reg_param: 0.01}
          - {variant: hydrogen, kind: logistic-regression, style: barrier-allreduce,
             data: {rows: 2000, features: 5}, partitions: 4, max_iter: 8, reg_param: 0.01, exchange: arrow}
        """

    @Test func writesIterationsAndCostsForEveryVariant() throws {
        let scenario = try ScenarioLoader.load(text: Self.yaml, file: "lr.yaml")
        let folder = Runner.run(scenario)
        let names = folder.files.map(\.name)
        for name in ["trace.csv", "trace-hydrogen.csv", "summary.csv", "iterations.csv", "iteration_costs.csv",
                     "report.md"] {
            #expect(names.contains(name))
        }
        let iterations = folder.files.first { $0.name == "iterations.csv" }!.contents
        let lines = iterations.split(separator: "\n")
        #expect(lines.first == "variant,iteration,time_ns,objective")
        let final = { (variant: String) in
            Double(lines.last { $0.hasPrefix(variant + ",") }!.split(separator: ",")[3])!
        }
        #expect(abs(final("mllib") - final("hydrogen")) <= 1e-9 * final("mllib"))
        let costs = folder.files.first { $0.name == "iteration_costs.csv" }!.contents
        #expect(costs.hasPrefix(
            "variant,iteration,time_ns,accuracy,compute_ns,communication_ns,scheduling_ns,driver_ns,idle_ns,"
            + "python_startup_ns,exchange_ns\n"))
    }
}
