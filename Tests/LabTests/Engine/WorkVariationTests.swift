import Foundation
import Report
import Sim
import Testing
@testable import Lab

/// `cluster.cpu.variation`: lognormal noise with mean 1 on each stretch of task work.
@Suite struct WorkVariationTests {
    static func scenario(variation: String) -> String {
        """
        name: noisy
        seed: 5
        cluster: {racks: 1, hosts_per_rack: 10, executor: {cores: 4}, cpu: {variation: \(variation)}}
        engine: {control_plane: none}
        workload:
          kind: scripted
          jobs:
            - {name: j, stages: [{name: s, tasks: 400, duration: 1s}]}

        """
    }

    static func durations(_ variation: String) throws -> [Double] {
        let scenario = try ScenarioLoader.load(text: Self.scenario(variation: variation), file: "noisy.yaml")
        let folder = Runner.run(scenario)
        let tasks = CSVRecords.parse(try #require(folder.files.first { $0.name == "tasks.csv" }?.contents))
        let column = try #require(tasks[0].firstIndex(of: "duration_ns"))
        return tasks.dropFirst().map { Double($0[column])! / 1e9 }
    }

    @Test func taskTimesHaveMeanOneAndTheGivenSpread() throws {
        let times = try Self.durations("0.3")
        #expect(times.count == 400)
        let statistics = try SampleStatistics(times)
        #expect(abs(statistics.mean - 1) < 0.05, "mean \(statistics.mean)")
        #expect(abs(statistics.standardDeviation! - 0.3) < 0.05, "sd \(statistics.standardDeviation!)")
        #expect(statistics.minimum > 0)
        #expect(try Self.durations("0.3") == times, "the same seed draws the same times")
    }

    @Test func zeroVariationKeepsWorkExact() throws {
        #expect(try Self.durations("0").allSatisfy { $0 == 1 })
        #expect(WorkVariation(coefficient: 0, streams: RandomStreams(seed: 1)) == nil)
    }

    @Test func theCoefficientIsCheckedWhereItIsWritten() {
        #expect(firstMessage(Self.scenario(variation: "-0.1"))?.hasPrefix("3:80: variation: -0.1 is out of range") == true)
        #expect(firstMessage(Self.scenario(variation: "lots"))?.contains("is not a number") == true)
    }
}
