import Testing
@testable import Lab

/// `cluster.cpu.host_slowdown`: its forms, the messages for each mistake, and its paths
/// as sweep parameters and `--set` settings.
@Suite struct HostSlowdownDecodingTests {
    static func scenario(_ slowdown: String, faults: String = "") -> String {
        """
        name: slow
        cluster: {racks: 1, hosts_per_rack: 4, executor: {cores: 2}, cpu: {host_slowdown: \(slowdown)}}
        workload: {kind: scripted, jobs: [{name: j, stages: [{name: s, tasks: 4, duration: 1s}]}]}
        \(faults)
        """
    }

    static func slowdown(_ text: String) throws -> Scenario.HostSlowdown? {
        try ScenarioLoader.load(text: text, file: "slow.yaml").cluster.cpu?.hostSlowdown
    }

    @Test func aVariationAHostListOrBothAreAccepted() throws {
        #expect(try Self.slowdown(Self.scenario("{variation: 0.3}"))
            == Scenario.HostSlowdown(variation: 0.3, hosts: []))
        #expect(try Self.slowdown(Self.scenario("{hosts: {host0-2: 2.0, host0-0: 0.5}}"))
            == Scenario.HostSlowdown(variation: 0, hosts: [Scenario.HostFactor(host: "host0-2", factor: 2),
                                                           Scenario.HostFactor(host: "host0-0", factor: 0.5)]))
        #expect(try Self.slowdown(Self.scenario("{variation: 0.1, hosts: {host0-3: 3}}"))
            == Scenario.HostSlowdown(variation: 0.1, hosts: [Scenario.HostFactor(host: "host0-3", factor: 3)]))
        #expect(try Self.slowdown(Self.scenario("null")) == nil)
    }

    @Test func aHostAnExecutorAddedFaultBringsMayBeNamed() throws {
        let faults = "faults: [{kind: executor-added, at: 1s, executor: {id: late, host: spare, rack: rack0, cores: 2}}]"
        #expect(try Self.slowdown(Self.scenario("{hosts: {spare: 2}}", faults: faults))?.hosts.map(\.host) == ["spare"])
    }

    @Test(arguments: [
        ("{hosts: {host0-22: 2}}",
         "2:92: unknown host 'host0-22' (did you mean 'host0-2'?); expected one of host0-0, host0-1, host0-2, host0-3"),
        ("{hosts: {host0-2: 0}}",
         "2:101: host_slowdown of 'host0-2': 0 is out of range; expected a factor above 0 and at most 100, "
             + "like 2.0 (the host takes twice as long)"),
        ("{hosts: {host0-2: 101}}", "2:101: host_slowdown of 'host0-2': 101 is out of range"),
        ("{hosts: {host0-2: fast}}", "2:101: host_slowdown of 'host0-2': 'fast' is not a number"),
        ("{variation: -0.1}",
         "2:95: host_slowdown.variation: -0.1 is out of range; expected a coefficient of variation from 0 to 10, "
             + "like 0.3"),
        ("{variaton: 0.3}",
         "2:84: unknown key 'variaton' in cluster.cpu.host_slowdown (did you mean 'variation'?); "
             + "expected one of variation, hosts"),
        ("{}", "2:83: cluster.cpu.host_slowdown sets neither variation nor hosts"),
        ("0.3", "2:83: cluster.cpu.host_slowdown is a single value; expected a mapping like {variation: 0.3}"),
        ("{hosts: [host0-2]}", "2:91: host_slowdown.hosts is a list; expected a mapping of host ids to factors"),
    ])
    func eachMistakeIsReportedWhereItIsWritten(_ slowdown: String, _ message: String) {
        let first = firstMessage(Self.scenario(slowdown))
        #expect(first?.hasPrefix(message) == true, "got \(first ?? "nothing")")
    }

    @Test func aMisspeltKeyUnderCPUSuggestsHostSlowdown() {
        let text = Self.scenario("{variation: 0.3}").replacingOccurrences(of: "host_slowdown", with: "host_slowdwn")
        #expect(firstMessage(text)?.hasPrefix(
            "2:68: unknown key 'host_slowdwn' in cluster.cpu (did you mean 'host_slowdown'?)") == true)
    }

    @Test func itsPathsAreSweepParameters() throws {
        let text = Self.scenario("{hosts: {host0-1: 1}}")
            + "sweep: {parameters: {cluster.cpu.host_slowdown.variation: [0, 0.3], "
            + "cluster.cpu.host_slowdown.hosts.host0-1: [1, 4]}}\n"
        let source = try ScenarioLoader.loadSource(text: text, file: "slow.yaml")
        let points = try #require(source.scenario.sweep?.points)
        #expect(points.count == 4)
        let last = try ScenarioLoader.scenario(source, at: points[3]).cluster.cpu?.hostSlowdown
        #expect(last == Scenario.HostSlowdown(variation: 0.3, hosts: [Scenario.HostFactor(host: "host0-1", factor: 4)]))
    }

    @Test func aBadSweptValueIsReportedAtTheValue() {
        let text = Self.scenario("{variation: 0.1}") + "sweep: {parameters: {cluster.cpu.host_slowdown.variation: [0.2, 20]}}\n"
        #expect(firstMessage(text)?.hasPrefix("4:65: host_slowdown.variation: 20 is out of range") == true)
    }

    @Test func aSweepMayAddTheSectionToAFileWithoutIt() throws {
        let text = Self.scenario("null") + "sweep: {parameters: {cluster.cpu.host_slowdown.variation: [0.25]}}\n"
        let source = try ScenarioLoader.loadSource(text: text, file: "slow.yaml")
        let point = try #require(source.scenario.sweep?.points.first)
        #expect(try ScenarioLoader.scenario(source, at: point).cluster.cpu?.hostSlowdown?.variation == 0.25)
    }
}
