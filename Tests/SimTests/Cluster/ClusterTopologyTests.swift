import Testing
@testable import Sim

/// An executor with `cores` cores on `host` in `rack`, for tests.
func executor(_ id: String, _ host: String, _ rack: String = "rack0", cores: Int = 4, gpus: Int = 0) -> ExecutorSpec {
    ExecutorSpec(id: id, host: host, rack: rack, cores: cores, memory: ByteCount(bytes: 1 << 30),
                 cpuFlopsPerCore: FlopRate(flopsPerSecond: 50_000_000_000),
                 gpus: Array(repeating: GPUSpec(model: "v100", flops: FlopRate(flopsPerSecond: 15_700_000_000_000)),
                             count: gpus))
}

@Suite("Cluster topology")
struct ClusterTopologyTests {
    /// The generated layout of docs/scenario.md: 2 racks × 2 hosts × 2 executors.
    static func generated() -> ClusterTopology {
        var specs: [ExecutorSpec] = []
        for r in 0..<2 {
            for h in 0..<2 {
                for e in 0..<2 { specs.append(executor("exec\(r)-\(h)-\(e)", "host\(r)-\(h)", "rack\(r)")) }
            }
        }
        return ClusterTopology(executors: specs)
    }

    @Test("racks and hosts get dense indexes in first-seen order, executors in add order")
    func buildsInFirstSeenOrder() {
        let topology = ClusterTopology(executors: [
            executor("exec1", "host1", "rackB"), executor("exec2", "host2", "rackA"),
            executor("exec3", "host1", "rackB"), executor("exec4", "host3", "rackB"),
        ])
        topology.checkInvariants()
        #expect(topology.racks.map(\.id) == ["rackB", "rackA"])
        #expect(topology.hosts.map(\.id) == ["host1", "host2", "host3"])
        #expect(topology.hostRacks == [0, 1, 0])
        #expect(topology.racks.map(\.hosts) == [[0, 2], [1]])
        #expect(topology.hosts.map(\.liveExecutors) == [[0, 2], [1], [3]])
        #expect(Array(topology.liveExecutors) == [0, 1, 2, 3])
        #expect(topology.host(id: "host3") == 2 && topology.rack(id: "rackA") == 1)
        #expect(topology.executor(id: "exec3") == 2 && topology.executor(id: "nope") == nil)
        #expect(topology.executors[2].host == 0 && topology.executors[2].rack == 0)
    }

    @Test("a generated layout numbers hosts rack by rack, as the network expects")
    func generatedLayout() {
        let topology = Self.generated()
        topology.checkInvariants()
        #expect(topology.hosts.map(\.id) == ["host0-0", "host0-1", "host1-0", "host1-1"])
        #expect(topology.hostRacks == [0, 0, 1, 1])
        #expect(topology.executors.map(\.id).last == "exec1-1-1")
        #expect(topology.hosts[3].liveExecutors == [6, 7])
    }

    @Test("executors join on new hosts and racks during a run, and leave without renumbering")
    func addAndRemove() {
        var topology = Self.generated()
        let added = topology.addExecutor(executor("exec9", "host9", "rack2"))
        topology.checkInvariants()
        #expect(added == 8)
        #expect(topology.host(id: "host9") == 4 && topology.rack(id: "rack2") == 2)
        #expect(topology.hostRacks == [0, 0, 1, 1, 2])
        let first = topology.removeExecutor(3)
        let second = topology.removeExecutor(3)
        #expect(first && !second, "removing twice is a no-op")
        topology.checkInvariants()
        #expect(!topology.isLive(executor: "exec0-1-1") && topology.isLive(executor: "exec9"))
        #expect(Array(topology.liveExecutors) == [0, 1, 2, 4, 5, 6, 7, 8])
        #expect(topology.executor(id: "exec0-1-1") == 3, "a removed executor keeps its index")
        #expect(topology.executors[3].isLive == false)
    }

    @Test("losing a host removes all its executors, in add order, and keeps the host")
    func hostLoss() {
        var topology = Self.generated()
        topology.addExecutor(executor("late", "host0-1", "rack0"))
        let lost = topology.removeExecutors(onHost: 1)
        topology.checkInvariants()
        #expect(lost == [2, 3, 8])
        #expect(topology.hosts[1].liveExecutors.isEmpty && topology.hosts.count == 4)
        let again = topology.removeExecutors(onHost: 1)
        #expect(again.isEmpty)
        topology.addExecutor(executor("back", "host0-1", "rack0"))
        topology.checkInvariants()
        #expect(topology.hosts[1].liveExecutors == [9])
        #expect(Array(topology.liveExecutors) == [0, 1, 4, 5, 6, 7, 9])
    }

    @Test("an executor exposes its cores and GPUs as compute devices")
    func devices() throws {
        let spec = executor("exec1", "host1", cores: 8, gpus: 2)
        let cores = try #require(spec.cpuCores(2))
        #expect(cores.rate == FlopRate(flopsPerSecond: 100_000_000_000) && cores.kind == .cpuCores(2))
        let gpu = try #require(spec.gpu(1, efficiency: Efficiency(0.5)))
        #expect(gpu.kind == .gpu(address: 1))
        #expect(gpu.duration(flops: 15_700_000_000_000) == .seconds(2))
        let unknown = ExecutorSpec(id: "x", host: "h", rack: "r", cores: 1, gpus: [GPUSpec(model: "t4")])
        #expect(unknown.cpuCores(1) == nil && unknown.gpu(0) == nil)
    }
}
