import Sim

/// Each host's persistent slowdown factor (`cluster.cpu.host_slowdown`), decided before
/// time starts: a slow node stays slow for the whole run.
///
/// Why beside `cluster.cpu.variation`: that noise is drawn afresh for every stretch of
/// work, so a slow task is as likely on one host as on another, and a retry or a
/// speculative copy meets the same odds. Real clusters also have nodes that are slower
/// every time (an older CPU, thermal throttling, a noisy neighbour, a failing disk);
/// against those, Spark's answer is speculation (run a copy elsewhere), and a barrier
/// gang has none, since every iteration waits for its slowest member.
///
/// With `variation: c`, host k (cluster order: hosts at time 0, then those that
/// `executor-added` faults bring, in file order) takes the k-th lognormal draw of mean 1
/// and coefficient of variation c from stream `cluster.cpu.host_slowdown`; a factor
/// written under `hosts:` replaces its host's draw, which is still made, so that naming
/// one host never shifts another's factor. The stream comes from a `RandomStreams` of its
/// own, so its seed is the fixed function of (seed, name) whatever other streams the run
/// asks for first, and the report can draw the same factors the run used.
struct HostSlowdowns: Equatable {
    static let streamName = "cluster.cpu.host_slowdown"

    /// Every host's factor, in cluster order.
    let factors: [Scenario.HostFactor]
    /// Lookup by host id (never iterated).
    private let byHost: [String: Double]

    /// The factors of `scenario`'s hosts under its seed; nil without `host_slowdown`.
    init?(_ scenario: Scenario) {
        guard let slowdown = scenario.cluster.cpu?.hostSlowdown else { return nil }
        var added: [String] = []
        for case .executorAdded(let executor, _) in scenario.faults { added.append(executor.host) }
        let hosts = ScenarioDecoder.appendingNew(scenario.cluster.hosts.map(\.id), added)
        self.init(slowdown, hosts: hosts, seed: scenario.seed)
    }

    /// The factors of `hosts` (in this order) under `seed`.
    init(_ slowdown: Scenario.HostSlowdown, hosts: [String], seed: UInt64) {
        var drawn = Array(repeating: 1.0, count: hosts.count)
        if slowdown.variation > 0 {
            let distribution = MeanOneLognormal(coefficient: slowdown.variation)
            let stream = RandomStreams(seed: seed).stream(named: Self.streamName)
            for index in drawn.indices { drawn[index] = distribution.draw(from: stream) }
        }
        var byHost: [String: Double] = [:]
        for (host, factor) in zip(hosts, drawn) { byHost[host] = factor }
        for written in slowdown.hosts { byHost[written.host] = written.factor }
        self.byHost = byHost
        factors = hosts.map { Scenario.HostFactor(host: $0, factor: byHost[$0]!) }
    }

    /// The factor of host `id` (1 for a host the scenario does not know).
    func factor(ofHost id: String) -> Double { byHost[id] ?? 1 }

    /// `work` as host `id` takes it, to the nanosecond.
    func scale(_ work: SimDuration, onHost id: String) -> SimDuration {
        let factor = factor(ofHost: id)
        return factor == 1 ? work : WorkVariation.scaled(work, by: factor)
    }
}
