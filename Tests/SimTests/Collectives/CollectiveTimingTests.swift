import Testing
@testable import Sim

/// Uncontended collectives on the flat platform take their α-β(-γ) time.
@Suite("Collectives: α-β-γ times on an uncontended network")
struct CollectiveTimingTests {
    static let sizes: [Int64] = [4 << 10, 1 << 20, 100 << 20, 1 << 30]

    @Test("a ring allreduce takes 2(p−1)α + 2(p−1)/p·N/B within 1%", arguments: [2, 3, 8, 64, 256])
    func ring(ranks: Int) {
        for bytes in Self.sizes {
            let schedule = CollectiveSchedule.build(.ring, ranks: ranks, bytesPerRank: bytes)
            let outcome = CollectivePlatforms.run(schedule, on: CollectivePlatforms.flat(hosts: ranks),
                                                  rankHosts: Array(0..<ranks))
            let formula = CollectiveCost.seconds(.ring, ranks: ranks, bytes: bytes,
                                                 model: CollectivePlatforms.flatModel)
            #expect(CollectivePlatforms.relativeError(outcome.duration, formula) < 0.01,
                    "p=\(ranks) N=\(bytes): \(outcome.duration.seconds)s vs \(formula)s")
            #expect(outcome.transfers == 2 * ranks * (ranks - 1))
        }
    }

    @Test("a 1024-rank ring allreduce of 1 GiB takes its α-β time within 1%")
    func ringOf1024() {
        let result = runRingAllreduceBenchmark(ranks: 1024, bytes: 1 << 30)
        let formula = CollectiveCost.seconds(.ring, ranks: 1024, bytes: 1 << 30, model: CollectivePlatforms.flatModel)
        #expect(CollectivePlatforms.relativeError(result.makespan, formula) < 0.01, "\(result) vs \(formula)s")
        #expect(result.flows == 2 * 1024 * 1023)
    }

    @Test("every algorithm takes its α-β-γ formula within 1%, powers of two or not",
          arguments: CollectiveAlgorithm.allCases)
    func formulas(algorithm: CollectiveAlgorithm) {
        let gammas: [ReductionCost] = [.free, .uniform(bytesPerSecond: 2_000_000_000)]
        for ranks in [2, 5, 8, 12, 32] {
            for bytes: Int64 in [64 << 10, 16 << 20] {
                for reduction in gammas {
                    let schedule = CollectiveSchedule.build(algorithm, ranks: ranks, bytesPerRank: bytes,
                                                            rankHosts: Array(0..<ranks))
                    let outcome = CollectivePlatforms.run(schedule, on: CollectivePlatforms.flat(),
                                                          rankHosts: Array(0..<ranks), reduction: reduction)
                    var model = CollectivePlatforms.flatModel
                    model.reductionSecondsPerByte = reduction.secondsPerByte()
                    let formula = CollectiveCost.seconds(algorithm, ranks: ranks, bytes: bytes, model: model)
                    #expect(CollectivePlatforms.relativeError(outcome.duration, formula) < 0.01,
                            "\(algorithm) p=\(ranks) N=\(bytes) \(reduction): \(outcome.duration) vs \(formula)s")
                }
            }
        }
    }

    @Test("hierarchical: several ranks per host reduce through the host's memory path first")
    func hierarchicalWithSharedHosts() {
        let intraHost = Bandwidth(bitsPerSecond: 400_000_000_000)  // 50 GB/s
        let parameters = NetworkParameters(hostLink: CollectivePlatforms.tenGbps, latency: .microseconds(5),
                                           intraHost: intraHost)
        let topology = NetworkTopology(parameters: parameters, racks: 1, hostsPerRack: 8)
        let hosts = 8, perHost = 4, bytes: Int64 = 64 << 20
        let rankHosts = (0..<(hosts * perHost)).map { $0 / perHost }
        let schedule = CollectiveSchedule.build(.hierarchical, ranks: hosts * perHost, bytesPerRank: bytes,
                                                rankHosts: rankHosts)
        let outcome = CollectivePlatforms.run(schedule, on: topology, rankHosts: rankHosts)
        let formula = CollectiveCost.hierarchicalSeconds(
            hosts: hosts, ranksPerHost: perHost, bytes: bytes, inter: CollectivePlatforms.flatModel,
            intra: CollectiveCostModel(latencySeconds: 0, bytesPerSecond: intraHost.bytesPerSecond))
        #expect(CollectivePlatforms.relativeError(outcome.duration, formula) < 0.01,
                "\(outcome.duration.seconds) vs \(formula)")
        // The flat ring over all 32 ranks would push 31/32·2N through each NIC, as the
        // hierarchical one pushes 7/8·2N: more steps, more latency, same order of bytes.
        #expect(outcome.transfers == 2 * hosts * (hosts - 1) + 2 * hosts * (perHost - 1))
    }

    @Test("every rank of a ring finishes within one step of the last")
    func rankFinishInstants() {
        let ranks = 8, bytes: Int64 = 8 << 20
        let outcome = CollectivePlatforms.run(CollectiveSchedule.build(.ring, ranks: ranks, bytesPerRank: bytes),
                                              on: CollectivePlatforms.flat(), rankHosts: Array(0..<ranks))
        let step = CollectiveCost.seconds(.ring, ranks: ranks, bytes: bytes, model: CollectivePlatforms.flatModel)
            / Double(2 * (ranks - 1))
        #expect(outcome.rankFinish.count == ranks)
        #expect(outcome.completion == outcome.rankFinish.max())
        for finish in outcome.rankFinish { #expect((outcome.completion - finish).seconds <= step) }
    }
}
