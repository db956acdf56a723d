import Foundation
import Lab
import Testing
import TestSupport

/// The `collective` scenarios of `scenarios/validation/` against SimGrid 3.32's times for
/// the same platforms (its idealised CM02 network), within 2%.
@Suite struct SimGridValidationTests {
    struct Reference: CustomStringConvertible, Sendable {
        var platform: String
        var algorithm: String
        var ranks: Int
        var bytes: Int64
        var seconds: Double

        /// The scenario `scripts/make-validation-scenarios.py` writes for this row.
        var scenarioPath: String {
            let names = ["ring_manual": "ring", "mpi_rdb": "recursive-doubling", "ps": "parameter-server"]
            let platformName = platform.lowercased().replacingOccurrences(of: "_", with: "-")
            let size = bytes % (1 << 30) == 0 ? "\(bytes >> 30)gib"
                : bytes % (1 << 20) == 0 ? "\(bytes >> 20)mib" : bytes % 1024 == 0 ? "\(bytes >> 10)kib" : "\(bytes)b"
            return "scenarios/validation/simgrid-\(platformName)-\(names[algorithm] ?? algorithm)-p\(ranks)-\(size).yaml"
        }

        var description: String { "\(platform) \(algorithm) P=\(ranks) N=\(bytes)" }
    }

    static let references: [Reference] = {
        let url = RepositoryPaths.resolve("scenarios/validation/simgrid-reference.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return Reference(platform: f[0], algorithm: f[1], ranks: Int(f[2])!, bytes: Int64(f[3])!,
                             seconds: Double(f[4])!)
        }
    }()

    @Test func everyReferenceRowHasAScenario() {
        #expect(Self.references.count >= 19)
        for reference in Self.references {
            let path = RepositoryPaths.resolve(reference.scenarioPath).path
            #expect(FileManager.default.fileExists(atPath: path), "missing \(reference.scenarioPath)")
        }
    }

    @Test(arguments: references)
    func collectiveTimeMatchesSimGridWithinTwoPercent(_ reference: Reference) throws {
        let text = try String(contentsOf: RepositoryPaths.resolve(reference.scenarioPath), encoding: .utf8)
        let scenario = try ScenarioLoader.load(text: text, file: reference.scenarioPath)
        let csv = try #require(Runner.run(scenario).files.first { $0.name == "collective.csv" }?.contents)
        let row = csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        let seconds = Double(try #require(Int64(row[4]))) / 1e9
        let error = abs(seconds - reference.seconds) / reference.seconds
        #expect(error < 0.02, "\(reference): sparksim \(seconds) s, SimGrid \(reference.seconds) s")
    }
}
