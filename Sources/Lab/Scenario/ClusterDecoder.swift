import Engine
import Sim

/// The `cluster:` section in its three forms.
struct ClusterDecoder: SectionDecoder {
    let sink: DecodingSink

    static let clusterKeys = ["executors", "master", "racks", "hosts_per_rack", "executors_per_host",
                              "executor", "gpu", "cpu", "network"]
    static let generatedKeys = ["racks", "hosts_per_rack", "executors_per_host", "executor"]
    static let clusterFormsExpected =
        "one cluster form: executors: [...], master: local[N], or racks:/hosts_per_rack:/executors_per_host:/executor:"

    /// The cluster and its executors as decoded (generated ones included, for later checks).
    /// `addedHosts`: hosts that `executor-added` faults bring, which `cpu.host_slowdown`
    /// may name too.
    func decodeCluster(_ node: SourceNode, defaults: ExecutorDefaults, addedHosts: [String] = [])
        -> (Scenario.Cluster, [DecodedExecutor])?
    {
        guard let f = fields(node, context: "cluster", allowed: Self.clusterKeys,
                             expected: "a mapping with executors:, master: or racks:") else { return nil }
        let forms = [["executors"], ["master"], Self.generatedKeys].filter { keys in keys.contains { f.has($0) } }
        if forms.count > 1 {
            let second = forms[1].first { f.has($0) }!
            let first = forms[0].first { f.has($0) }!
            report(f.keyPosition(second)!, "cluster mixes '\(first)' with '\(second)'",
                   expected: Self.clusterFormsExpected)
            return nil
        }
        guard let form = forms.first else {
            report(f.position, "cluster has no executors", expected: Self.clusterFormsExpected)
            return nil
        }
        let decoded: (Scenario.Cluster.Form, [DecodedExecutor])?
        switch form[0] {
        case "executors": decoded = decodeExplicit(f.value("executors")!, defaults: defaults)
        case "master":
            decoded = MasterDecoder(sink: sink).decodeMaster(f.value("master")!, defaults: defaults)
        default: decoded = decodeGenerated(f, defaults: defaults)
        }
        var hosts: [Scenario.Host] = []
        var racks: [String] = []
        var seenHosts = Set<String>()
        var seenRacks = Set<String>()
        for e in decoded?.1.map(\.executor) ?? [] {
            if seenHosts.insert(e.host).inserted { hosts.append(Scenario.Host(id: e.host, rack: e.rack)) }
            if let rack = e.rack, seenRacks.insert(rack).inserted { racks.append(rack) }
        }
        // Host names are checked only against a cluster that decoded.
        let known = decoded.map { _ in KnownNames(ScenarioDecoder.appendingNew(hosts.map(\.id), addedHosts)) }
        let gpu = f.present("gpu").flatMap { decodeGPU($0) }
        let cpu = f.present("cpu").flatMap { decodeCPU($0, hosts: known) }
        let network = f.present("network").flatMap { decodeNetwork($0) }
        guard let (clusterForm, executors) = decoded else { return nil }
        let list = executors.map(\.executor)
        let cluster = Scenario.Cluster(form: clusterForm, executors: list, hosts: hosts, racks: racks,
                                       gpu: gpu, cpu: cpu, network: network)
        return (cluster, executors)
    }

    private func decodeExplicit(_ node: SourceNode, defaults: ExecutorDefaults)
        -> (Scenario.Cluster.Form, [DecodedExecutor])?
    {
        let expected = "a list of executors like {id: exec1, host: host1, rack: rack1, cores: 2}"
        guard let items = boundedList(node, "executors", expected: expected, limit: ScenarioLimits.maxExecutors,
                                      noun: "executors")
        else { return nil }
        var executors: [DecodedExecutor] = []
        for item in items {
            if let e = ExecutorDecoder(sink: sink).decodeExecutor(item, context: "executor", defaults: defaults) { executors.append(e) }
        }
        return executors.count == items.count ? (.explicit, executors) : nil
    }

    private func decodeGenerated(_ f: Fields, defaults: ExecutorDefaults)
        -> (Scenario.Cluster.Form, [DecodedExecutor])?
    {
        let range = 1...ScenarioLimits.maxLayoutCount
        let racks = f.present("racks").map { int($0, "racks", range: range) } ?? 1
        let hostsNode = required(f, "hosts_per_rack", expected: "the number of hosts in each rack")
        let hostsPerRack = hostsNode.flatMap { int($0, "hosts_per_rack", range: range) }
        let perHost = f.present("executors_per_host").map { int($0, "executors_per_host", range: range) } ?? 1
        var template: (cores: Int, gpus: Int, memory: ByteCount, profile: String?)?
        var templatePosition = f.position
        if let t = f.present("executor") {
            templatePosition = t.position
            let allowed = ["cores", "gpus", "memory", "profile"]
            template = fields(t, context: "cluster.executor", allowed: allowed).flatMap {
                ExecutorDecoder(sink: sink).decodeExecutorTemplate($0, label: "cluster.executor", defaults: defaults)
            }
            if template == nil { return nil }
        } else {
            template = (defaults.conf.executorCores, defaults.conf.executorGPUAmount,
                        ByteCount(bytes: defaults.conf.executorMemoryBytes), nil)
        }
        guard let racks, let hostsPerRack, let perHost, let template else { return nil }
        let (product, overflow) = racks.multipliedReportingOverflow(by: hostsPerRack)
        let (total, overflow2) = product.multipliedReportingOverflow(by: perHost)
        if overflow || overflow2 || total > ScenarioLimits.maxExecutors {
            report(f.keyPosition("hosts_per_rack") ?? f.position,
                   "racks × hosts_per_rack × executors_per_host is more than "
                       + "\(ScenarioLimits.maxExecutors) executors",
                   expected: "at most \(ScenarioLimits.maxExecutors) executors")
            return nil
        }
        var executors: [DecodedExecutor] = []
        executors.reserveCapacity(total)
        for r in 0..<racks {
            for h in 0..<hostsPerRack {
                for e in 0..<perHost {
                    let executor = Scenario.Executor(
                        id: "exec\(r)-\(h)-\(e)", host: "host\(r)-\(h)", rack: "rack\(r)", cores: template.cores,
                        gpus: template.gpus, memory: template.memory, profile: template.profile)
                    executors.append(DecodedExecutor(executor: executor, position: templatePosition,
                                                     idPosition: templatePosition, hostPosition: templatePosition,
                                                     isGenerated: true))
                }
            }
        }
        ExecutorDecoder(sink: sink).checkTaskCPUs(executors[0].executor, at: templatePosition, conf: defaults.conf)
        let layout = Scenario.Layout(racks: racks, hostsPerRack: hostsPerRack, executorsPerHost: perHost)
        return (.generated(layout), executors)
    }

    private func decodeGPU(_ node: SourceNode) -> Scenario.GPU? {
        guard let f = fields(node, context: "cluster.gpu", allowed: ["model", "flops", "memory", "variation"])
        else { return nil }
        let model = f.present("model").map { text($0, "model") }
        let flops = f.present("flops").map { flopRate($0, "flops") }
        let memory = f.present("memory").map { size($0, "memory", positive: true) }
        let variation = f.present("variation").map {
            double($0, "variation", expected: "a coefficient of variation from 0 to 10, like 0.03") { (0...10).contains($0) }
        }
        if model == .some(nil) || flops == .some(nil) || memory == .some(nil) || variation == .some(nil) { return nil }
        return Scenario.GPU(model: model.flatMap { $0 }, flops: flops.flatMap { $0 }, memory: memory.flatMap { $0 },
                            variation: variation.flatMap { $0 } ?? 0)
    }

    static let cpuKeys = ["flops_per_core", "variation", "physical_cores", "host_slowdown"]

    /// `cluster.cpu:`. `hosts`: the run's hosts, which `host_slowdown.hosts` must name
    /// (nil: not checked here, as in an included fragment).
    func decodeCPU(_ node: SourceNode, hosts: KnownNames? = nil) -> Scenario.CPU? {
        guard let f = fields(node, context: "cluster.cpu", allowed: Self.cpuKeys) else { return nil }
        let flops = f.present("flops_per_core").map { flopRate($0, "flops_per_core") }
        let physical = f.present("physical_cores").map { int($0, "physical_cores", range: 1...65_536) }
        let variation = f.present("variation").map {
            double($0, "variation", expected: "a coefficient of variation from 0 to 10, like 0.1") { (0...10).contains($0) }
        }
        let slowdown = f.present("host_slowdown").map { HostSlowdownDecoder(sink: sink).decode($0, known: hosts) }
        if flops == .some(nil) || variation == .some(nil) || physical == .some(nil) || slowdown == .some(nil) {
            return nil
        }
        return Scenario.CPU(flopsPerCore: flops.flatMap { $0 }, variation: variation.flatMap { $0 } ?? 0,
                            physicalCores: physical.flatMap { $0 }, hostSlowdown: slowdown.flatMap { $0 })
    }

    static let networkKeys = ["host_link", "rack_uplink", "latency", "rack_uplink_latency", "intra_host"]

    private func decodeNetwork(_ node: SourceNode) -> Scenario.Network? {
        guard let f = fields(node, context: "cluster.network", allowed: Self.networkKeys) else { return nil }
        let hostLink = f.present("host_link").map { bandwidth($0, "host_link") }
        let rackUplink = f.present("rack_uplink").map { bandwidth($0, "rack_uplink") }
        let intraHost = f.present("intra_host").map { bandwidth($0, "intra_host") }
        let latency = f.present("latency").map { duration($0, "latency") }
        let uplinkLatency = f.present("rack_uplink_latency").map { duration($0, "rack_uplink_latency") }
        for v in [hostLink, rackUplink, intraHost] where v == .some(nil) { return nil }
        for v in [latency, uplinkLatency] where v == .some(nil) { return nil }
        let baseLatency = latency.flatMap { $0 } ?? .zero
        return Scenario.Network(hostLink: hostLink.flatMap { $0 }, rackUplink: rackUplink.flatMap { $0 },
                                latency: baseLatency, rackUplinkLatency: uplinkLatency.flatMap { $0 } ?? baseLatency,
                                intraHost: intraHost.flatMap { $0 })
    }
}
