import Foundation
import Report
import Sim
import Testing
@testable import Lab

/// `cluster.cpu.host_slowdown`: a persistent factor on each host's work, drawn once per
/// host or written per host, composing with stragglers and `cpu.variation`.
@Suite struct HostSlowdownTests {
    /// 4 hosts of 2 cores, 8 tasks of 1 s: every task starts at time 0, two per host.
    static func scenario(cpu: String, stage: String = "", faults: String = "") -> String {
        """
        name: slow
        seed: 5
        cluster: {racks: 1, hosts_per_rack: 4, executor: {cores: 2}, cpu: \(cpu)}
        engine: {control_plane: none}
        workload:
          kind: scripted
          jobs:
            - {name: j, stages: [{name: s, tasks: 8, duration: 1s\(stage)}]}
        \(faults)
        """
    }

    static func folder(_ text: String) throws -> OutputFolder {
        Runner.run(try ScenarioLoader.load(text: text, file: "slow.yaml"))
    }

    static func file(_ name: String, _ folder: OutputFolder) throws -> String {
        try #require(folder.files.first { $0.name == name }?.contents)
    }

    /// (host, duration in ns) of every task, in tasks.csv order.
    static func durations(_ text: String) throws -> [(host: String, nanoseconds: Int64)] {
        let tasks = CSVRecords.parse(try file("tasks.csv", try folder(text)))
        let host = try #require(tasks[0].firstIndex(of: "host"))
        let duration = try #require(tasks[0].firstIndex(of: "duration_ns"))
        return tasks.dropFirst().map { ($0[host], Int64($0[duration])!) }
    }

    @Test func aHostWithFactorTwoTakesTwiceTheWorkTime() throws {
        let times = try Self.durations(Self.scenario(cpu: "{host_slowdown: {hosts: {host0-2: 2}}}"))
        #expect(times.count == 8)
        for (host, nanoseconds) in times {
            #expect(nanoseconds == (host == "host0-2" ? 2_000_000_000 : 1_000_000_000), "\(host)")
        }
    }

    @Test func itSlowsWhatAStragglerSlowsAndTheyMultiply() throws {
        // Only the CPU part of a stretch, as a straggler: 0.5 s waiting + 0.5 s × 2 of CPU.
        let split = try Self.durations(Self.scenario(cpu: "{host_slowdown: {hosts: {host0-2: 2}}}",
                                                     stage: ", cpu_fraction: 0.5"))
        #expect(split.filter { $0.host == "host0-2" }.allSatisfy { $0.nanoseconds == 1_500_000_000 })
        let straggler = "faults: [{kind: straggler, host: host0-2, slowdown: 3}]"
        let both = try Self.durations(Self.scenario(cpu: "{host_slowdown: {hosts: {host0-2: 2}}}", faults: straggler))
        #expect(both.filter { $0.host == "host0-2" }.allSatisfy { $0.nanoseconds == 6_000_000_000 })
    }

    @Test func aNeutralSlowdownChangesNoOutputByte() throws {
        let plain = try Self.folder(Self.scenario(cpu: "{variation: 0.3}"))
        let neutral = try Self.folder(Self.scenario(cpu: "{variation: 0.3, host_slowdown: {hosts: {host0-1: 1}}}"))
        for name in ["trace.csv", "tasks.csv", "summary.csv"] {
            #expect(try Self.file(name, neutral) == Self.file(name, plain), "\(name)")
        }
    }

    @Test func factorsAreTheStreamsDrawsInHostOrderAndDependOnlyOnTheSeed() throws {
        let scenario = try ScenarioLoader.load(
            text: Self.scenario(cpu: "{host_slowdown: {variation: 0.3, hosts: {host0-1: 2}}}"), file: "slow.yaml")
        let factors = try #require(HostSlowdowns(scenario)).factors
        #expect(factors.map(\.host) == ["host0-0", "host0-1", "host0-2", "host0-3"])
        // The stream's own draws, whatever other streams a run asks for first.
        let streams = RandomStreams(seed: 5)
        _ = streams.stream(named: WorkVariation.streamName).uniform()
        let stream = streams.stream(named: HostSlowdowns.streamName)
        let distribution = MeanOneLognormal(coefficient: 0.3)
        let draws = (0..<4).map { _ in distribution.draw(from: stream) }
        #expect(factors.map(\.factor) == [draws[0], 2, draws[2], draws[3]], "a written factor replaces its draw only")
        #expect(try #require(HostSlowdowns(scenario)) == HostSlowdowns(scenario), "the same seed, the same factors")
        #expect(HostSlowdowns(scenario.withSeed(6))?.factors != factors)
        let unslowed = try ScenarioLoader.load(text: Self.scenario(cpu: "{variation: 0.3}"), file: "slow.yaml")
        #expect(HostSlowdowns(unslowed) == nil, "without the key nothing is drawn")
    }

    @Test func bothNoisesCompose() throws {
        // All 8 tasks start at time 0 in the same order, so each takes the same
        // cpu.variation draw with and without the persistent factors.
        let noisy = try Self.durations(Self.scenario(cpu: "{variation: 0.3}"))
        let text = Self.scenario(cpu: "{variation: 0.3, host_slowdown: {variation: 0.5}}")
        let both = try Self.durations(text)
        let slowdowns = try #require(HostSlowdowns(try ScenarioLoader.load(text: text, file: "slow.yaml")))
        #expect(noisy.map(\.host) == both.map(\.host))
        for (plain, slowed) in zip(noisy, both) {
            let factor = slowdowns.factor(ofHost: slowed.host)
            let expected = Double(plain.nanoseconds) * factor
            #expect(abs(Double(slowed.nanoseconds) - expected) <= expected * 1e-8 + 1, "\(slowed.host)")
        }
        #expect(Set(both.map { slowdowns.factor(ofHost: $0.host) }).count == 4, "four hosts, four factors")
    }

    @Test func theReportStatesTheFactors() throws {
        let report = try Self.file("report.md", try Self.folder(Self.scenario(cpu: "{host_slowdown: {hosts: {host0-2: 2}}}")))
        #expect(report.contains("Host slowdown (`cluster.cpu.host_slowdown`: host0-2 x2.00): 4 hosts, slowest host0-2 "
            + "x2.00, fastest host0-0 x1.00; each host's CPU work takes its factor times as long, for the whole run."))
        let plain = try Self.file("report.md", try Self.folder(Self.scenario(cpu: "{variation: 0}")))
        #expect(!plain.contains("Host slowdown"))
    }

    @Test func runSetsItOnTheCommandLine() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-host-slowdown-\(UUID().uuidString).yaml").path
        try Self.scenario(cpu: "{variation: 0}").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scenario = try ScenarioLoader.load(path: path, settings: ["cluster.cpu.host_slowdown.hosts.host0-3=4"])
        #expect(scenario.cluster.cpu?.hostSlowdown?.hosts == [Scenario.HostFactor(host: "host0-3", factor: 4)])
        #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: path, settings: ["cluster.cpu.host_slowdown.hosts.host9=4"])
        }
    }
}
