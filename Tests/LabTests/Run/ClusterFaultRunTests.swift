import Lab
import Testing

/// Cluster faults acting on runs: what the trace shows and what they do to collectives.
@Suite struct ClusterFaultRunTests {
    static func run(_ yaml: String) throws -> [String: String] {
        let scenario = try ScenarioLoader.load(text: yaml, file: "inline.yaml")
        var files: [String: String] = [:]
        for file in Runner.run(scenario).files { files[file.name] = file.contents }
        return files
    }

    static func collective(faults: String) -> String {
        """
        name: ring-under-faults
        cluster:
          racks: 1
          hosts_per_rack: 4
          executors_per_host: 2
          executor: {cores: 1}
          network: {host_link: 10Gbps, latency: 5us}
        workload: {kind: collective, algorithm: ring, bytes: 100MiB, ranks: 4}
        \(faults)
        """
    }

    static func timeNanoseconds(_ files: [String: String]) -> Int64? {
        let row = files["collective.csv"]?.split(separator: "\n")[1]
        return row.flatMap { Int64($0.split(separator: ",", omittingEmptySubsequences: false)[4]) }
    }

    @Test func aHostLossRemovesAllItsExecutorsAtThatInstantAfterTheFaultRecord() throws {
        let files = try Self.run(Self.collective(faults: "faults: [{kind: host-lost, host: host0-1, at: 10ms}]"))
        let lines = try #require(files["trace.csv"]).split(separator: "\n").map(String.init)
        let at10ms = lines.filter { $0.hasPrefix("10000000,") }
        #expect(at10ms == [
            "10000000,fault,,,,,,,host0-1,,host-lost host0-1",
            "10000000,executor-lost,,,,,,exec0-1-0,host0-1,,fault",
            "10000000,executor-lost,,,,,,exec0-1-1,host0-1,,fault",
        ])
        // The ring needs host0-1: it cannot finish, and says so with an empty time.
        #expect(Self.timeNanoseconds(files) == nil)
        #expect(files["collective.csv"]?.hasSuffix(",ring,\n") == true)
    }

    @Test func aDegradedLinkSlowsTheRingByItsFactor() throws {
        let healthy = try #require(Self.timeNanoseconds(try Self.run(Self.collective(faults: ""))))
        let degraded = try #require(Self.timeNanoseconds(try Self.run(Self.collective(
            faults: "faults: [{kind: link-degraded, host: host0-2, factor: 0.5, from: 0s}]"))))
        // Every ring step crosses host0-2's links, now at half rate: the bandwidth term
        // doubles, the latency term does not.
        let ratio = Double(degraded) / Double(healthy)
        #expect(ratio > 1.98 && ratio < 2.0, "ratio \(ratio)")
    }

    @Test func theSameSeedGivesTheSameRandomLossesAndAnotherSeedOthers() throws {
        func trace(seed: Int) throws -> String {
            try #require(try Self.run(Self.collective(faults: """
                faults: [{kind: random-executor-loss, mtbf: 200ms, distribution: exponential}]
                """).replacingOccurrences(of: "name: ring-under-faults", with: "name: r\nseed: \(seed)"))["trace.csv"])
        }
        #expect(try trace(seed: 1) == trace(seed: 1))
        #expect(try trace(seed: 1) != trace(seed: 2))
    }
}
