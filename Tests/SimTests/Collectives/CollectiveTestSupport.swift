import Foundation
import Testing
@testable import Sim

/// Platforms and helpers shared by the collective suites.
enum CollectivePlatforms {
    static let tenGbps = Bandwidth(bitsPerSecond: 10_000_000_000)
    static let twentyGbps = Bandwidth(bitsPerSecond: 20_000_000_000)

    /// SimGrid `A_flat`: one rack of `hosts` hosts, 10 Gbit/s NICs, 5 µs per link,
    /// non-blocking core (the README's platform has 64 hosts).
    static func flat(hosts: Int = 64) -> NetworkTopology {
        NetworkTopology(parameters: NetworkParameters(hostLink: tenGbps, latency: .microseconds(5)),
                        racks: 1, hostsPerRack: hosts)
    }

    /// SimGrid `B_2racks`: two racks of 32 hosts, 10 Gbit/s NICs, 5 µs per link,
    /// 20 Gbit/s rack uplinks with 5 µs latency.
    static func twoRacks(hostsPerRack: Int = 32) -> NetworkTopology {
        NetworkTopology(parameters: NetworkParameters(hostLink: tenGbps, rackUplink: twentyGbps,
                                                      latency: .microseconds(5)),
                        racks: 2, hostsPerRack: hostsPerRack)
    }

    /// `B_2racks`: ranks 0 ..< P/2 on rack 0's first hosts, the rest on rack 1's.
    static func rackByRack(_ ranks: Int, hostsPerRack: Int = 32, offset: Int = 0) -> [Int] {
        (0..<ranks).map { $0 < ranks / 2 ? offset + $0 : hostsPerRack + offset + $0 - ranks / 2 }
    }

    /// `B_2racks_rr`: rank i on rack i mod 2, the (i/2)-th host there (after `offset`).
    static func roundRobin(_ ranks: Int, hostsPerRack: Int = 32, offset: Int = 0) -> [Int] {
        (0..<ranks).map { ($0 % 2) * hostsPerRack + offset + $0 / 2 }
    }

    /// α (same rack: two links of 5 µs) and 1/β (10 Gbit/s).
    static let flatModel = CollectiveCostModel(latency: .microseconds(10), link: tenGbps)

    /// Runs one collective alone and returns its outcome.
    static func run(_ schedule: CollectiveSchedule, on topology: NetworkTopology, rankHosts: [Int],
                    reduction: ReductionCost = .free) -> CollectiveOutcome {
        var model = CollectiveSimulation(topology: topology)
        let group = model.start(schedule, rankHosts: rankHosts, reduction: reduction)
        model.run()
        guard let outcome = model.outcome(of: group) else {
            Issue.record("\(schedule.algorithm) did not finish")
            return CollectiveOutcome(group: group, start: .zero, rankFinish: [], completion: .zero, transfers: 0,
                                     bytesSent: 0, abortedAt: nil)
        }
        return outcome
    }

    /// |simulated / expected − 1|.
    static func relativeError(_ simulated: SimDuration, _ expectedSeconds: Double) -> Double {
        abs(simulated.seconds / expectedSeconds - 1)
    }
}

/// One row of the SimGrid reference CSV (`scenarios/validation/simgrid-reference.csv`).
struct SimGridRow: CustomStringConvertible {
    let platform: String
    let algorithm: String
    let ranks: Int
    let bytes: Int64
    let simulatedSeconds: Double
    let analyticSeconds: Double

    var description: String { "\(platform),\(algorithm),P=\(ranks),N=\(bytes)" }

    /// The repository's copy of the SimGrid reference rows (`scenarios/validation/`), so
    /// that a fresh clone tests without the shared folder; `SPARKSIM_SIMGRID_CSV` points
    /// at another file with the same columns (e.g. held-back rows).
    static var csvPath: String {
        ProcessInfo.processInfo.environment["SPARKSIM_SIMGRID_CSV"]
            ?? URL(fileURLWithPath: #filePath)  // Tests/SimTests/Collectives/<file>
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()  // the checkout
                .appendingPathComponent("scenarios/validation/simgrid-reference.csv").path
    }

    /// Parses the CSV by its header's column names; throws on a malformed row.
    static func parse(_ text: String) throws -> [SimGridRow] {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else { throw CSVError(message: "no column \(name)") }
            return index
        }
        let (platform, algorithm, ranks, bytes, simulated, analytic) = (
            try column("platform"), try column("algorithm"), try column("P"), try column("N_bytes"),
            try column("simulated_seconds"), try column("analytic_seconds"))
        return try lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, let p = Int(fields[ranks]), let n = Int64(fields[bytes]),
                  let s = Double(fields[simulated]), let a = Double(fields[analytic])
            else { throw CSVError(message: "malformed row: \(line)") }
            return SimGridRow(platform: fields[platform], algorithm: fields[algorithm], ranks: p, bytes: n,
                              simulatedSeconds: s, analyticSeconds: a)
        }
    }

    struct CSVError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
