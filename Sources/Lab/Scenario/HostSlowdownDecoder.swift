/// `cluster.cpu.host_slowdown` *(sparksim)*: a persistent factor on each host's work,
/// drawn (`variation:`), written per host (`hosts:`), or both.
struct HostSlowdownDecoder: SectionDecoder {
    let sink: DecodingSink

    static let keys = ["variation", "hosts"]
    static let expected = "a mapping like {variation: 0.3} or {hosts: {host0-3: 2.0}}"
    static let factorExpected = "a factor above 0 and at most 100, like 2.0 (the host takes twice as long)"

    /// The slowdown, or nil after an error. `known`: the hosts of the run (at time 0, then
    /// those `executor-added` faults bring), for "did you mean"; nil in an included
    /// fragment, whose hosts are checked once it is merged into a scenario.
    func decode(_ node: SourceNode, known: KnownNames?) -> Scenario.HostSlowdown? {
        guard let f = fields(node, context: "cluster.cpu.host_slowdown", allowed: Self.keys,
                             expected: Self.expected)
        else { return nil }
        let variation = f.present("variation").map {
            double($0, "host_slowdown.variation", expected: "a coefficient of variation from 0 to 10, like 0.3") {
                (0...10).contains($0)
            }
        }
        let hosts = f.present("hosts").map { decodeHosts($0, known: known) }
        if variation == .some(nil) || hosts == .some(nil) { return nil }
        if variation == nil && hosts == nil {
            if f.unknownKeys.isEmpty {
                report(f.position, "cluster.cpu.host_slowdown sets neither variation nor hosts",
                       expected: Self.expected)
            }
            return nil
        }
        return Scenario.HostSlowdown(variation: variation.flatMap { $0 } ?? 0, hosts: hosts.flatMap { $0 } ?? [])
    }

    /// `hosts: {host0-3: 2.0, ...}`: each key a host of the cluster, each value its factor.
    private func decodeHosts(_ node: SourceNode, known: KnownNames?) -> [Scenario.HostFactor]? {
        let expected = "a mapping of host ids to factors, like {host0-3: 2.0}"
        guard case .mapping(let pairs, _) = node else {
            report(node.position, "host_slowdown.hosts is \(node.shapeName)", expected: expected)
            return nil
        }
        var factors: [Scenario.HostFactor] = []
        var failed = false
        for pair in pairs {
            guard let host = name(pair.key, "a host id") else { failed = true; continue }
            if let known, !known.contains(host) {
                reportUnknown("host", host, at: pair.key.position, among: known.ordered)
                failed = true
                continue
            }
            guard let factor = double(pair.value, "host_slowdown of '\(host)'", expected: Self.factorExpected,
                                      accept: { $0 > 0 && $0 <= 100 })
            else { failed = true; continue }
            factors.append(Scenario.HostFactor(host: host, factor: factor))
        }
        return failed ? nil : factors
    }
}
