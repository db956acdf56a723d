import Foundation
import Testing
import TestSupport
@testable import Lab

/// Run folders carry their figures: a Perfetto trace and a task timeline for engine runs,
/// a loss chart for training runs, embedded in `report.md`.
@Suite struct RunFiguresTests {
    static func run(_ path: String) throws -> [String: String] {
        let text = try String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8)
        let folder = Runner.run(try ScenarioLoader.load(text: text, file: path))
        return Dictionary(uniqueKeysWithValues: folder.files.map { ($0.name, $0.contents) })
    }

    @Test func anEngineRunHasAValidChromeTraceAndATimeline() throws {
        let files = try Self.run("scenarios/conformance/hy-08-kill-noticed-on-poll-tick.yaml")
        let json = try #require(files["trace.json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let events = try #require(object?["traceEvents"] as? [[String: Any]])
        // 6 task attempts on executor tracks; the driver (pid 1) holds 1 job and 3 stage attempts.
        #expect(events.filter { $0["ph"] as? String == "X" && $0["pid"] as? Int != 1 }.count == 6)
        #expect(events.filter { $0["ph"] as? String == "X" && $0["pid"] as? Int == 1 }.count == 4)
        #expect(try #require(files["timeline.svg"]).contains("<svg"))
        #expect(try #require(files["report.md"]).contains("![Tasks per executor](timeline.svg)"))
        #expect(files["loss.svg"] == nil)
    }

    @Test func aTrainingCompareHasALossChartWithEveryVariant() throws {
        let files = try Self.run("scenarios/data-exchange.yaml")
        let svg = try #require(files["loss.svg"])
        for variant in ["pickle-4", "arrow-4", "pickle-16", "arrow-16"] { #expect(svg.contains(variant)) }
        #expect(try #require(files["report.md"]).contains("![Objective against simulated time](loss.svg)"))
    }
}
