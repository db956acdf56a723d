import Testing
@testable import Sim

/// Chunked (pipelined) schedules and Spark's torrent broadcast.
@Suite("Collectives: chunking and torrent broadcast")
struct ChunkingAndTorrentTests {
    static let bytes: Int64 = 64 << 20
    static let nOverB = Double(bytes) / CollectivePlatforms.tenGbps.bytesPerSecond

    @Test("chunks cut each block from its start; the last chunk of a block is shorter")
    func chunkLayout() {
        let schedule = CollectiveSchedule.build(.ring, ranks: 3, bytesPerRank: 1000,
                                                chunking: CollectiveChunking(chunkBytes: 150))
        // Blocks of 334, 333, 333 bytes: 150 + 150 + 34, 150 + 150 + 33, 150 + 150 + 33.
        #expect(schedule.cellOffsets == [0, 150, 300, 334, 484, 634, 667, 817, 967, 1000])
        let sizes = schedule.operations.filter { $0.kind == .transfer }.map(\.bytes)
        #expect(sizes.count == 2 * 3 * 2 * 3)
        #expect(Set(sizes) == [150, 34, 33])
        #expect(schedule.totalBytesSent == 2 * 2 * 1000)
    }

    @Test("a chunked binomial tree pipelines reduce into broadcast: about ⌈lg p⌉·N/B instead of twice that",
          arguments: [4, 8, 16])
    func pipelinedTree(ranks: Int) {
        let levels = Double(ceilLog2(ranks))
        let plain = CollectivePlatforms.run(CollectiveSchedule.build(.tree, ranks: ranks, bytesPerRank: Self.bytes),
                                            on: CollectivePlatforms.flat(), rankHosts: Array(0..<ranks))
        let chunked = CollectivePlatforms.run(
            CollectiveSchedule.build(.tree, ranks: ranks, bytesPerRank: Self.bytes,
                                     chunking: CollectiveChunking(chunkBytes: 256 << 10)),
            on: CollectivePlatforms.flat(), rankHosts: Array(0..<ranks))
        #expect(CollectivePlatforms.relativeError(plain.duration, 2 * levels * Self.nOverB) < 0.01)
        // Rank 0's NIC carries ⌈lg p⌉·N each way: a floor the pipeline nearly reaches.
        #expect(chunked.duration.seconds >= levels * Self.nOverB)
        #expect(chunked.duration.seconds < levels * Self.nOverB * 1.05, "\(chunked.duration)")
    }

    @Test("a chunked ring keeps the ring's bandwidth; each chunk adds at most a little latency")
    func chunkedRing() {
        let plain = CollectivePlatforms.run(CollectiveSchedule.build(.ring, ranks: 8, bytesPerRank: Self.bytes),
                                            on: CollectivePlatforms.flat(), rankHosts: Array(0..<8))
        for chunking in [CollectiveChunking(chunkBytes: 1 << 20), CollectiveChunking(chunkBytes: 256 << 10),
                         CollectiveChunking(chunkBytes: 256 << 10, chunksInFlight: 4)] {
            let chunked = CollectivePlatforms.run(
                CollectiveSchedule.build(.ring, ranks: 8, bytesPerRank: Self.bytes, chunking: chunking),
                on: CollectivePlatforms.flat(), rankHosts: Array(0..<8))
            #expect(chunked.duration >= plain.duration - .microseconds(150))
            #expect(CollectivePlatforms.relativeError(chunked.duration, plain.duration.seconds) < 0.02,
                    "\(chunking): \(chunked.duration) vs \(plain.duration)")
        }
    }

    @Test("torrent broadcast to one receiver: every piece fetched from the source, one at a time")
    func torrentOfTwo() {
        var model = CollectiveSimulation(topology: CollectivePlatforms.flat(hosts: 2))
        let broadcast = TorrentBroadcast(ranks: 2, bytes: Self.bytes + 1)  // 16 pieces + 1 byte
        let group = model.start(broadcast, rankHosts: [0, 1], random: RandomStream(name: "test", seed: 1))
        model.run()
        let outcome = model.outcome(of: group)!
        #expect(broadcast.pieceCount == 17 && outcome.transfers == 17 && outcome.bytesSent == Self.bytes + 1)
        let expected = 17 * 10e-6 + Double(Self.bytes + 1) / CollectivePlatforms.tenGbps.bytesPerSecond
        #expect(CollectivePlatforms.relativeError(outcome.duration, expected) < 0.001)
        #expect(outcome.rankFinish[0] == .zero)
    }

    @Test("torrent broadcast: peers serve each other, so it beats serving everyone from the source",
          arguments: [TorrentBroadcast.PieceOrder.shuffled, .rotated])
    func torrentScales(order: TorrentBroadcast.PieceOrder) {
        let ranks = 16
        var model = CollectiveSimulation(topology: CollectivePlatforms.flat())
        let broadcast = TorrentBroadcast(ranks: ranks, bytes: Self.bytes, pieceOrder: order)
        let group = model.start(broadcast, rankHosts: Array(0..<ranks), random: RandomStream(name: "test", seed: 3))
        model.run()
        let outcome = model.outcome(of: group)!
        #expect(outcome.transfers == (ranks - 1) * broadcast.pieceCount)
        #expect(outcome.bytesSent == Int64(ranks - 1) * Self.bytes)
        let bounds = CollectiveCost.torrentBroadcastBounds(broadcast, model: CollectivePlatforms.flatModel)
        #expect(outcome.duration.seconds >= bounds.lower)
        #expect(outcome.duration.seconds < bounds.upper / 2, "\(outcome.duration) vs \(bounds)")
        let usage = model.network.linkUsage(at: model.simulation.now)
        let sourceUp = usage.first { $0.link == LinkID(kind: .hostUp, index: 0) }
        #expect(sourceUp!.bytesCarried < Int64(ranks - 1) * Self.bytes / 2, "peers served most pieces")
    }

    @Test("torrent broadcast prefers a holder on the receiver's own host")
    func torrentPrefersLocalHolders() {
        let parameters = NetworkParameters(hostLink: CollectivePlatforms.tenGbps, latency: .microseconds(5),
                                           intraHost: Bandwidth(bitsPerSecond: 400_000_000_000))
        var model = CollectiveSimulation(topology: NetworkTopology(parameters: parameters, racks: 1, hostsPerRack: 2))
        // Ranks 1..4 share host 1: once one of them holds a piece, the others copy it locally.
        let group = model.start(TorrentBroadcast(ranks: 5, bytes: Self.bytes), rankHosts: [0, 1, 1, 1, 1],
                                random: RandomStream(name: "test", seed: 5))
        model.run()
        #expect(model.outcome(of: group) != nil)
        let usage = model.network.linkUsage(at: model.simulation.now)
        let nic = usage.first { $0.link == LinkID(kind: .hostDown, index: 1) }!.bytesCarried
        #expect(nic < 3 * Self.bytes / 2, "host 1 should fetch each piece over its NIC about once, got \(nic)")
    }

    @Test("the same seed gives the same torrent; the schedule-driven collectives draw nothing")
    func determinism() {
        func torrent(seed: UInt32) -> [SimInstant] {
            var model = CollectiveSimulation(topology: CollectivePlatforms.flat())
            let group = model.start(TorrentBroadcast(ranks: 12, bytes: 40 << 20), rankHosts: Array(0..<12),
                                    random: RandomStream(name: "test", seed: seed))
            model.run()
            return model.outcome(of: group)!.rankFinish
        }
        #expect(torrent(seed: 9) == torrent(seed: 9))
        #expect(torrent(seed: 9) != torrent(seed: 10))
        let schedule = CollectiveSchedule.build(.recursiveDoubling, ranks: 13, bytesPerRank: 3 << 20,
                                                chunking: CollectiveChunking(chunkBytes: 1 << 20, chunksInFlight: 2))
        let first = CollectivePlatforms.run(schedule, on: CollectivePlatforms.twoRacks(),
                                            rankHosts: CollectivePlatforms.roundRobin(13))
        let second = CollectivePlatforms.run(schedule, on: CollectivePlatforms.twoRacks(),
                                             rankHosts: CollectivePlatforms.roundRobin(13))
        #expect(first == second)
    }
}
