import Testing
@testable import Lab

/// What Spark accepts, the scenario accepts: settings Spark ignores on a cluster are taken
/// and named as ignored, and a partition's own syncs replace the stage's for it everywhere.
@Suite struct SparkAcceptsTests {
    @Test func maxFailuresUnderALocalMasterIsAcceptedAndReportedAsIgnored() throws {
        let text = minimal(cluster: "cluster: {master: 'local[4]'}", workload: nil,
                           "spark: {spark.task.maxFailures: 3}")
        let scenario = try #require(loadValid(text))
        #expect(scenario.taskMaxFailures == 1, "local[N] gives each task one attempt, as Spark's local mode")
        #expect(scenario.ignoredSettings.map(\.key) == ["spark.task.maxFailures"])
        let report = try #require(Runner.run(scenario).files.first { $0.name == "report.md" }?.contents)
        #expect(report.contains("- `spark.task.maxFailures`: 3 (ignored: Spark's local mode sets the attempts"))
        // Elsewhere it takes effect and nothing is said.
        let cluster = try #require(loadValid(minimal(cluster: "cluster: {racks: 1, hosts_per_rack: 1, executor: {cores: 2}}",
                                                     workload: nil, "spark: {spark.task.maxFailures: 3}")))
        #expect(cluster.taskMaxFailures == 3 && cluster.ignoredSettings.isEmpty)
    }

    static func barrierStage(_ syncs: String) -> String {
        minimal(cluster: "cluster: {master: 'local[2]'}", workload: """
            workload:
              kind: scripted
              jobs:
                - name: j
                  stages:
                    - {name: b, tasks: 2, durations: [3s, 1s], barrier: true, \(syncs)}
            """)
    }

    @Test func aPartitionsOwnSyncsReplaceTheStagesInTheFitCheck() throws {
        // Partition 1 works 1 s: the stage's sync at 2 s does not fit it, but it has its own.
        let replaced = try #require(loadValid(Self.barrierStage("syncs: [{after: 2s}], partition_syncs: {1: [{after: 500ms}]}")))
        guard case .scripted(let scripted) = replaced.variants[0].workload else { return }
        let stage = scripted.jobs[0].stages[0]
        #expect(stage.syncs(forPartition: 0).map(\.after) == [.seconds(2)])
        #expect(stage.syncs(forPartition: 1).map(\.after) == [.milliseconds(500)])
        // Without the replacement the stage's sync is checked against partition 1.
        let message = firstMessage(Self.barrierStage("syncs: [{after: 2s}]"))
        #expect(message?.contains("a sync after 2s is later than the 1s of work of partition 1") == true)
    }
}
