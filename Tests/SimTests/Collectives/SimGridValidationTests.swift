import Foundation
import Testing
@testable import Sim

/// The SimGrid 3.32 / SMPI reference times of `shared/validation/simgrid` within 2%:
/// each row's platform is built as the README describes and the algorithm run on it.
@Suite("Collectives: SimGrid reference times")
struct SimGridValidationTests {
    /// The topology and rank placement of a README platform, or nil for an unknown one.
    static func platform(_ name: String, ranks: Int) -> (NetworkTopology, [Int])? {
        switch name {
        case "A_flat": return (CollectivePlatforms.flat(), Array(0..<ranks))
        case "B_2racks": return (CollectivePlatforms.twoRacks(), CollectivePlatforms.rackByRack(ranks))
        case "B_2racks_rr": return (CollectivePlatforms.twoRacks(), CollectivePlatforms.roundRobin(ranks))
        default: return nil
        }
    }

    /// The sparksim algorithm SimGrid's name stands for.
    static func algorithm(_ name: String) -> CollectiveAlgorithm? {
        switch name {
        case "ring_manual", "ring": return .ring
        case "mpi_rdb", "rdb": return .recursiveDoubling
        case "ps": return .parameterServer
        case "rab", "rabenseifner": return .halvingDoubling
        default: return nil
        }
    }

    @Test("every row of public.csv is matched within 2%")
    func publicRows() throws {
        let text = try String(contentsOfFile: SimGridRow.csvPath, encoding: .utf8)
        let rows = try SimGridRow.parse(text)
        #expect(rows.count >= 19, "public.csv should hold the 19 published rows")
        for row in rows {
            guard let (topology, hosts) = Self.platform(row.platform, ranks: row.ranks),
                  let algorithm = Self.algorithm(row.algorithm)
            else {
                Issue.record("\(row): unknown platform or algorithm")
                continue
            }
            let schedule = CollectiveSchedule.build(algorithm, ranks: row.ranks, bytesPerRank: row.bytes)
            let outcome = CollectivePlatforms.run(schedule, on: topology, rankHosts: hosts)
            let error = CollectivePlatforms.relativeError(outcome.duration, row.simulatedSeconds)
            #expect(error < 0.02, "\(row): sparksim \(outcome.duration.seconds)s, SimGrid \(row.simulatedSeconds)s")
        }
    }

    @Test("the analytic column is CollectiveCost's formula on the flat platform")
    func analyticColumnMatchesFormulas() throws {
        let rows = try SimGridRow.parse(try String(contentsOfFile: SimGridRow.csvPath, encoding: .utf8))
        for row in rows where row.platform == "A_flat" {
            guard let algorithm = Self.algorithm(row.algorithm) else { continue }
            let formula = CollectiveCost.seconds(algorithm, ranks: row.ranks, bytes: row.bytes,
                                                 model: CollectivePlatforms.flatModel)
            #expect(abs(formula / row.analyticSeconds - 1) < 1e-9, "\(row): formula \(formula)")
        }
    }

    @Test("rack-by-rack and round-robin placements on two racks, beyond the published rows",
          arguments: [CollectiveAlgorithm.ring, .recursiveDoubling, .parameterServer])
    func twoRackPlacements(algorithm: CollectiveAlgorithm) {
        // Rack by rack, the ring crosses each uplink once per direction: NICs bound it, as
        // on the flat platform (α = 20 µs for the two crossing hops is noise at 100 MiB).
        let bytes: Int64 = 100 << 20, ranks = 16
        let flat = CollectivePlatforms.run(CollectiveSchedule.build(algorithm, ranks: ranks, bytesPerRank: bytes),
                                           on: CollectivePlatforms.flat(), rankHosts: Array(0..<ranks))
        let racks = CollectivePlatforms.run(CollectiveSchedule.build(algorithm, ranks: ranks, bytesPerRank: bytes),
                                            on: CollectivePlatforms.twoRacks(),
                                            rankHosts: CollectivePlatforms.rackByRack(ranks))
        switch algorithm {
        case .ring, .parameterServer:
            #expect(CollectivePlatforms.relativeError(racks.duration, flat.duration.seconds) < 0.01)
        default:
            // Recursive doubling's last step (distance 8) sends all 16 ranks across: 8 flows
            // per uplink direction, 2.5 Gbit/s each, so that step is 4x slower: 3 + 4 = 7
            // flat steps instead of 4.
            let expected = flat.duration.seconds * 7 / 4
            #expect(CollectivePlatforms.relativeError(racks.duration, expected) < 0.01,
                    "\(racks.duration) vs \(expected)s")
        }
    }
}
