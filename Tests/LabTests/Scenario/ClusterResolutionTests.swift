import Sim
import Testing
@testable import Lab

@Suite struct ClusterResolutionTests {
    @Test func generatedIdsCountFromZeroRackMajor() throws {
        let text = minimal(cluster: """
            cluster:
              racks: 2
              hosts_per_rack: 2
              executors_per_host: 2
              executor: {cores: 8, gpus: 1, memory: 16g}
            """)
        let cluster = try #require(loadValid(text)).cluster
        #expect(cluster.form == .generated(Scenario.Layout(racks: 2, hostsPerRack: 2, executorsPerHost: 2)))
        #expect(cluster.executors.map(\.id) == ["exec0-0-0", "exec0-0-1", "exec0-1-0", "exec0-1-1",
                                                "exec1-0-0", "exec1-0-1", "exec1-1-0", "exec1-1-1"])
        #expect(cluster.hosts.map(\.id) == ["host0-0", "host0-1", "host1-0", "host1-1"])
        #expect(cluster.hosts.map(\.rack) == ["rack0", "rack0", "rack1", "rack1"])
        #expect(cluster.racks == ["rack0", "rack1"])
        #expect(cluster.executors.allSatisfy {
            $0.cores == 8 && $0.gpus == 1 && $0.memory == ByteCount(bytes: 16 << 30)
        })
    }

    @Test func generatedExecutorsDefaultToSparksExecutorSettings() throws {
        let text = minimal(cluster: "cluster: {hosts_per_rack: 3}", """
            spark:
              spark.executor.cores: 4
              spark.executor.memory: 512
              spark.executor.resource.gpu.amount: 2
            """)
        let cluster = try #require(loadValid(text)).cluster
        #expect(cluster.executors.count == 3)
        #expect(cluster.racks == ["rack0"])
        #expect(cluster.executors[0] == Scenario.Executor(id: "exec0-0-0", host: "host0-0", rack: "rack0", cores: 4,
                                                          gpus: 2, memory: ByteCount(bytes: 512 << 20), profile: nil))
    }

    @Test func localGivesOneDriverExecutorAndOneAttemptPerTask() throws {
        let scenario = try #require(loadValid(minimal(cluster: "cluster: {master: 'local[4]'}")))
        #expect(scenario.cluster.executors.map(\.id) == ["driver"])
        #expect(scenario.cluster.executors[0].host == "localhost")
        #expect(scenario.cluster.executors[0].rack == nil)
        #expect(scenario.cluster.executors[0].cores == 4)
        #expect(scenario.cluster.racks.isEmpty)
        #expect(scenario.taskMaxFailures == 1)
        #expect(scenario.spark.taskMaxFailures == 4)
    }

    @Test func localWithFailuresGivesFAttempts() throws {
        let scenario = try #require(loadValid(minimal(cluster: "cluster: {master: 'local[2,3]'}")))
        let master = Scenario.Master(url: "local[2,3]", kind: .local(cores: 2, attempts: 3))
        #expect(scenario.cluster.form == .master(master))
        #expect(scenario.taskMaxFailures == 3)
        let bare = try #require(loadValid(minimal(cluster: "cluster: {master: local}")))
        #expect(bare.cluster.executors[0].cores == 1)
        #expect(bare.taskMaxFailures == 1)
    }

    @Test func localClusterUsesSparksMaxFailures() throws {
        let text = minimal(cluster: "cluster: {master: 'local-cluster[3,2,1024]'}",
                           "spark: {spark.task.maxFailures: 6}")
        let scenario = try #require(loadValid(text))
        #expect(scenario.cluster.executors.map(\.id) == ["0", "1", "2"])
        #expect(scenario.cluster.executors.allSatisfy {
            $0.host == "localhost" && $0.cores == 2 && $0.memory == ByteCount(bytes: 1 << 30)
        })
        #expect(scenario.taskMaxFailures == 6)
    }

    @Test func masterUrlsThatDependOnTheHostOrNeedAClusterManagerAreRejected() {
        for url in ["local[*]", "local[*,2]", "yarn", "spark://h:7077", "local[0]", "local[2", "local-cluster[2,2]"] {
            let text = minimal(cluster: "cluster: {master: '\(url)'}")
            #expect(diagnostics(text).first?.line == 2, "\(url)")
        }
    }

    @Test func explicitExecutorsKeepFileOrderAndDefaults() throws {
        let text = minimal(cluster: """
            cluster:
              executors:
                - {id: b, host: h2, rack: r2}
                - {id: a, host: h1, rack: r1, cores: 3, gpus: 1, memory: 3GiB}
                - {id: c, host: h2, rack: r2}
            """)
        let cluster = try #require(loadValid(text)).cluster
        #expect(cluster.form == .explicit)
        #expect(cluster.executors.map(\.id) == ["b", "a", "c"])
        #expect(cluster.hosts == [Scenario.Host(id: "h2", rack: "r2"), Scenario.Host(id: "h1", rack: "r1")])
        #expect(cluster.racks == ["r2", "r1"])
        #expect(cluster.executors[0].cores == 1 && cluster.executors[0].gpus == 0)
        #expect(cluster.executors[0].memory == ByteCount(bytes: 1 << 30))
        #expect(cluster.executors[1].memory == ByteCount(bytes: 3 << 30))
    }

    @Test func executorsLaunchedForAProfileTakeItsResources() throws {
        let text = minimal(cluster: """
            cluster:
              executors:
                - {id: c1, host: h0}
                - {id: g1, host: h1, profile: big}
                - {id: g2, host: h2, cores: 6, profile: big}
            """, """
            resource_profiles:
              big: {executor: {cores: 6, gpus: 6, memory: 8g}, task: {cpus: 2, gpus: 2}}
            """)
        let cluster = try #require(loadValid(text)).cluster
        #expect(cluster.executors.map(\.cores) == [1, 6, 6])
        #expect(cluster.executors.map(\.gpus) == [0, 6, 6])
        #expect(cluster.executors.map(\.profile) == [nil, "big", "big"])
        let mismatch = text.replacingOccurrences(of: "cores: 6, profile", with: "cores: 4, profile")
        #expect(diagnostics(mismatch).first?.problem
            == "executor 'g2' has cores 4 but profile 'big' launches executors with 6")
    }

    @Test func networkRatesAndLatenciesAreParsedWithDefaults() throws {
        let text = minimal(cluster: """
            cluster:
              hosts_per_rack: 2
              network: {host_link: 25Gbps, latency: 5us, intra_host: 1.25GB/s}
              cpu: {flops_per_core: 50GFLOPS}
              gpu: {model: a100, flops: 19.5TFLOPS}
            """)
        let cluster = try #require(loadValid(text)).cluster
        let network = try #require(cluster.network)
        #expect(network.hostLink == Bandwidth(bitsPerSecond: 25_000_000_000))
        #expect(network.rackUplink == nil)
        #expect(network.latency == .microseconds(5))
        #expect(network.rackUplinkLatency == .microseconds(5))
        #expect(network.intraHost == Bandwidth(bitsPerSecond: 10_000_000_000))
        #expect(cluster.cpu?.flopsPerCore == FlopRate(flopsPerSecond: 50_000_000_000))
        let flops = FlopRate(flopsPerSecond: 19_500_000_000_000)
        #expect(cluster.gpu == Scenario.GPU(model: "a100", flops: flops, memory: nil))
    }

    @Test func aClusterWithoutExecutorsIsRejected() {
        #expect(diagnostics(minimal(cluster: "cluster: {network: {latency: 1us}}")).first?.problem
            == "cluster has no executors")
        #expect(diagnostics(minimal(cluster: "cluster: {executors: []}")).first?.problem
            == "executors is an empty list")
    }
}
