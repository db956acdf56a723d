import Engine
import Sim
import Testing
@testable import Lab

@Suite struct SweepTests {
    @Test func pointsVaryTheLastParameterFastest() throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.path("valid/generated-collective.yaml"))
        let sweep = try #require(scenario.sweep)
        #expect(sweep.seeds == 3)
        #expect(sweep.parameters.map(\.path) == ["cluster.racks", "workload.bytes", "cluster.network.host_link"])
        #expect(sweep.points.map(\.description) == [
            "cluster.racks=2 workload.bytes=1MiB cluster.network.host_link=10Gbps",
            "cluster.racks=2 workload.bytes=1MiB cluster.network.host_link=25Gbps",
            "cluster.racks=2 workload.bytes=100MiB cluster.network.host_link=10Gbps",
            "cluster.racks=2 workload.bytes=100MiB cluster.network.host_link=25Gbps",
            "cluster.racks=4 workload.bytes=1MiB cluster.network.host_link=10Gbps",
            "cluster.racks=4 workload.bytes=1MiB cluster.network.host_link=25Gbps",
            "cluster.racks=4 workload.bytes=100MiB cluster.network.host_link=10Gbps",
            "cluster.racks=4 workload.bytes=100MiB cluster.network.host_link=25Gbps",
        ])
        #expect(sweep.points.map(\.index) == Array(0..<8))
        #expect(scenario.seeds == [42, 43, 44])
    }

    @Test func aPointIsTheFileWithItsValuesWrittenIn() throws {
        let source = try ScenarioLoader.loadSource(path: Fixtures.path("valid/generated-collective.yaml"))
        let base = source.scenario
        let point = try #require(base.sweep?.points.last)
        let scenario = try ScenarioLoader.scenario(source, at: point)
        #expect(scenario.cluster.executors.count == 16)
        #expect(scenario.cluster.racks == ["rack0", "rack1", "rack2", "rack3"])
        #expect(scenario.cluster.network?.hostLink == Bandwidth(bitsPerSecond: 25_000_000_000))
        guard case .collective(let c) = scenario.variants[0].workload else {
            Issue.record("expected a collective")
            return
        }
        #expect(c.bytes == ByteCount(bytes: 100 << 20))
        #expect(scenario.sweepPoint == point)
        #expect(scenario.seeds == base.seeds)
        #expect(scenario.name == base.name)
    }

    @Test func sparkKeysMissingFromTheFileAreAddedForAPoint() throws {
        let source = try ScenarioLoader.loadSource(path: Fixtures.path("valid/spark-config.yaml"))
        let base = source.scenario
        let points = try #require(base.sweep?.points)
        #expect(points.count == 8)
        let first = try ScenarioLoader.scenario(source, at: points[0])
        #expect(first.spark.localityWaitNanoseconds == 0)
        #expect(first.spark.schedulingMode == .fifo)
        #expect(first.engine.shuffleOffers)
        let last = try ScenarioLoader.scenario(source, at: points[7])
        #expect(last.spark.localityWaitNanoseconds == 3_000_000_000)
        #expect(last.spark.schedulingMode == .fair)
        #expect(!last.engine.shuffleOffers)
        #expect(last.spark.localityWaitProcessNanoseconds == 1_000_000_000)
    }

    @Test func everySweepValueIsValidatedAsItsKey() {
        let text = minimal(cluster: "cluster: {hosts_per_rack: 2}",
                           "sweep: {parameters: {spark.task.maxFailures: [1, 0]}}")
        #expect(firstMessage(text)
            == "9:50: spark.task.maxFailures = 0 is out of range; expected a value of at least 1")
    }

    @Test func combinationsAreValidatedToo() {
        let text = minimal(cluster: "cluster: {hosts_per_rack: 2}", "spark: {spark.executor.cores: 2}\nsweep:\n"
            + "  parameters:\n    spark.task.cpus: [1, 2]\n    spark.executor.cores: [2, 1]\n")
        let first = try? #require(diagnostics(text).first)
        #expect(first.map { "\($0.line):\($0.column)" } == "11:3")
        #expect(first?.problem.hasPrefix("with spark.task.cpus=2 spark.executor.cores=1, 2:10: ") == true)
    }

    @Test func pathsMustNameSingleValuesUnderSweptSections() {
        #expect(diagnostics(minimal("sweep: {parameters: {seed: [1, 2]}}")).first?.problem
            == "sweep parameter 'seed' is not a key under cluster, spark, engine, workload or faults")
        #expect(diagnostics(minimal(cluster: "cluster: {hosts_per_rack: 1, network: {latency: 1us}}",
                                    "sweep: {parameters: {cluster.network: [1]}}")).first?.problem
            == "sweep parameter 'cluster.network' names a whole section")
        #expect(diagnostics(minimal("sweep: {parameters: {workload.jobs.name: [a]}}")).first?.problem
            == "sweep parameter 'workload.jobs.name' reaches into a list of 1 with 'name'")
        #expect(diagnostics(minimal("sweep: {parameters: {cluster.racks: []}}")).first?.problem
            == "cluster.racks has an empty list of values")
    }

    @Test func aPointOfAnotherSweepIsRefused() throws {
        let source = try ScenarioLoader.loadSource(path: Fixtures.path("valid/spark-config.yaml"))
        let foreign = Scenario.SweepPoint(
            index: 0, assignments: [Scenario.SweepAssignment(path: "cluster.racks", value: "9")])
        #expect(throws: ScenarioError.self) { try ScenarioLoader.scenario(source, at: foreign) }
    }

    @Test func aWorkloadPathWithCompareSetsTheKeyInEveryVariant() throws {
        let text = """
            name: t
            cluster: {hosts_per_rack: 4}
            compare:
              - {variant: a, kind: logistic-regression, style: task-parallel, data: {rows: 100, features: 2}, partitions: 2}
              - {variant: b, kind: logistic-regression, style: barrier-allreduce, data: {rows: 100, features: 2}, partitions: 2}
            sweep: {parameters: {workload.partitions: [1, 4]}}
            """
        let source = try ScenarioLoader.loadSource(text: text, file: "t.yaml")
        let base = source.scenario
        let points = try #require(base.sweep?.points)
        let partitions = try points.map { point in
            try ScenarioLoader.scenario(source, at: point).variants.map { variant -> Int? in
                guard case .logisticRegression(let w) = variant.workload else { return nil }
                return w.partitions
            }
        }
        #expect(partitions == [[1, 1], [4, 4]])
        #expect(base.variants.map(\.name) == ["a", "b"])
    }

    @Test func aWorkloadValueBadForOneVariantIsReportedAtTheValue() {
        let text = """
            name: t
            cluster: {hosts_per_rack: 4}
            compare:
              - {variant: a, kind: logistic-regression, style: task-parallel, data: {rows: 100, features: 2}, partitions: 2}
              - {variant: b, kind: scripted, jobs: [{stages: [{tasks: 1, duration: 1s}]}]}
            sweep: {parameters: {workload.partitions: [2]}}
            """
        let first = diagnostics(text).first
        #expect(first.map { "\($0.line):\($0.column)" } == "6:22", "\(String(describing: first))")
        #expect(first?.problem.contains("partitions") == true)
    }
}
