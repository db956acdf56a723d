import Testing
@testable import Lab
@testable import Report

/// `represents_features`: a wide sparse model's gradient crosses the network at its width,
/// while per-row work stays that of the rows held.
@Suite struct ModelWidthCostTests {
    static func scenario(features: Int?, style: String, allreduce: String = "ring") -> String {
        let width = features.map { ", represents_features: \($0)" } ?? ""
        let barrier = style == "barrier-allreduce" ? ", exchange: arrow, allreduce: \(allreduce)" : ""
        return """
            name: width
            seed: 1
            cluster:
              racks: 1
              hosts_per_rack: 4
              executors_per_host: 1
              executor: {cores: 2, memory: 8g}
              network: {host_link: 10Gbps, latency: 5us}
            workload: {kind: logistic-regression, style: \(style), data: {rows: 2000, features: 10},
                       partitions: 4, solver: gd, max_iter: 4, tol: 0, reg_param: 0.01\(width)\(barrier)}
            """
    }

    static func steady(_ text: String) throws -> Int64 {
        let scenario = try ScenarioLoader.load(text: text, file: "width.yaml")
        let record = try #require(Runner.records(scenario).first)
        return try #require(SteadyIteration.of(record.trainingViews[0].iterations)?.nanoseconds)
    }

    @Test(arguments: ["task-parallel", "barrier-allreduce"])
    func aWiderModelCostsCommunicationNotRowWork(style: String) throws {
        let narrow = try Self.steady(Self.scenario(features: nil, style: style))
        let same = try Self.steady(Self.scenario(features: 10, style: style))
        let wide = try Self.steady(Self.scenario(features: 10_000_000, style: style))
        #expect(same == narrow)  // its own width changes nothing
        // 80 MB a gradient over 10 Gbps links: at least 64 ms more than the narrow model.
        #expect(wide > narrow + 64_000_000, "\(style): \(narrow) -> \(wide)")
    }

    @Test func theAllreducesBytesAreTheModelsWidth() throws {
        let text = Self.scenario(features: 1_000_000, style: "barrier-allreduce")
        let scenario = try ScenarioLoader.load(text: text, file: "width.yaml")
        guard case .logisticRegression(let workload) = scenario.variants[0].workload else {
            Issue.record("not a logistic regression")
            return
        }
        #expect(workload.representsFeatures == 1_000_000)
        let (_, setup) = try #require(TrainingPlan.make(scenario.variants[0].workload, scenario: scenario,
                                                        streams: .init(seed: 1)))
        // 11 doubles held stand for 1,000,001.
        #expect(setup.modelDoubles(11) == 1_000_001)
        #expect(firstMessage(Self.scenario(features: 0, style: "task-parallel"))?.contains("represents_features") == true)
    }
}
