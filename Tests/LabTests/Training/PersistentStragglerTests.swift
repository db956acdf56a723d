import Report
import Testing
@testable import Lab

/// The claim of `scenarios/straggler-persistent.yaml` at a small size: against a node
/// that stays slow, speculation rescues MLlib-style training (a copy of the first job's
/// task wins elsewhere, so the cached partition, and every later task on it, leaves the
/// slow node), while a barrier gang waits for that node every iteration, with or without
/// speculation, since Spark never speculates a barrier task set.
@Suite struct PersistentStragglerTests {
    static let yaml = """
        name: small-persistent
        seed: 1
        cluster:
          racks: 1
          hosts_per_rack: 4
          executor: {cores: 4, memory: 64g}
          cpu: {flops_per_core: 10GFLOPS}
          network: {host_link: 25Gbps, latency: 5us}
        compare:
          - {variant: mllib, kind: logistic-regression, style: task-parallel, data: {rows: 2000, features: 20},
             represents_rows: 25000000, partitions: 4, solver: gd, max_iter: 5, tol: 0, reg_param: 0.01}
          - {variant: barrier, kind: logistic-regression, style: barrier-allreduce, data: {rows: 2000, features: 20},
             represents_rows: 25000000, partitions: 4, solver: gd, max_iter: 5, tol: 0, reg_param: 0.01,
             exchange: arrow, allreduce: recursive-doubling}
        """

    /// Makespan in seconds and speculative attempts of each variant.
    static func run(slowdown: Int, speculation: Bool) throws -> [String: (seconds: Double, speculative: Int)] {
        let text = yaml.replacingOccurrences(
            of: "cpu: {flops_per_core: 10GFLOPS}",
            with: "cpu: {flops_per_core: 10GFLOPS, host_slowdown: {hosts: {host0-1: \(slowdown)}}}")
            + "\nspark: {spark.speculation: \(speculation)}\n"
        let folder = Runner.run(try ScenarioLoader.load(text: text, file: "small-persistent.yaml"))
        let summary = CSVRecords.parse(try #require(folder.files.first { $0.name == "summary.csv" }?.contents))
        let tasks = CSVRecords.parse(try #require(folder.files.first { $0.name == "tasks.csv" }?.contents))
        let (variant, makespan) = (summary[0].firstIndex(of: "variant")!, summary[0].firstIndex(of: "makespan_ns")!)
        let (taskVariant, speculative) = (tasks[0].firstIndex(of: "variant")!, tasks[0].firstIndex(of: "speculative")!)
        var result: [String: (seconds: Double, speculative: Int)] = [:]
        for row in summary.dropFirst() {
            let copies = tasks.dropFirst().filter { $0[taskVariant] == row[variant] && $0[speculative] == "true" }.count
            result[row[variant]] = (Double(row[makespan])! / 1e9, copies)
        }
        return result
    }

    @Test func speculationRescuesMLlibFromASlowNodeAndNothingRescuesTheBarrierGang() throws {
        let healthy = try Self.run(slowdown: 1, speculation: false)
        let slow = try Self.run(slowdown: 8, speculation: false)
        let rescued = try Self.run(slowdown: 8, speculation: true)
        let mllib = (healthy["mllib"]!.seconds, slow["mllib"]!.seconds, rescued["mllib"]!.seconds)
        #expect(mllib.1 > 3 * mllib.0, "an 8x node slows MLlib: \(mllib)")
        #expect(mllib.2 < 1.5 * mllib.0, "speculation gives most of it back: \(mllib)")
        #expect(rescued["mllib"]!.speculative >= 1)
        let barrier = (healthy["barrier"]!.seconds, slow["barrier"]!.seconds, rescued["barrier"]!.seconds)
        #expect(barrier.1 > 3 * barrier.0, "every barrier iteration waits for the slow node: \(barrier)")
        #expect(barrier.2 == barrier.1, "speculation leaves a barrier stage alone: \(barrier)")
        #expect(rescued["barrier"]!.speculative == 0)
    }
}
