import Foundation
import Testing
import TestSupport
@testable import Lab
@testable import Report

/// The published reference of a deep-learning scenario, the critical-path track of a
/// training run, iteration 1's figure and link curves drawn once.
@Suite struct PublishedAndCriticalPathTests {
    @Test func thePublishedPointsAreComparedAndDrawn() throws {
        let folder = try ShippedRunCache.folder("scenarios/horovod-scaling.yaml")
        let report = try #require(folder.files.first { $0.name == "report.md" }?.contents)
        // The Horovod check: every model within 5 points of the published efficiency at
        // 512 GPUs (90 / 90 / 68%), read off the report's comparison table.
        let rows = report.split(separator: "\n").filter { $0.hasSuffix(" points |") && $0.contains("| 512 |") }
        #expect(rows.count == 3, "\(rows)")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let difference = try #require(Double(cells[4].replacingOccurrences(of: " points", with: "")))
            #expect(abs(difference) <= 5, "\(row)")
        }
        #expect(report.contains("| vgg-16 | 512 | 68.0% |"))
        #expect(report.contains("Largest difference: "))
        let svg = try #require(folder.files.first { $0.name == "efficiency.svg" }?.contents)
        // Six published points, as hollow circles, and the legend's one.
        #expect(svg.components(separatedBy: "fill=\"none\" stroke=\"#").count - 1 >= 6)
        #expect(svg.contains(">published</text>"))
    }

    @Test func aPublishedPointMustBeAPointOfTheScenario() throws {
        let text = try String(contentsOf: RepositoryPaths.resolve("scenarios/horovod-scaling.yaml"), encoding: .utf8)
        let wrongCount = text.replacingOccurrences(of: "{model: vgg-16, gpus: 512,", with: "{model: vgg-16, gpus: 500,")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(text: wrongCount, file: "h.yaml") }
        let wrongModel = text.replacingOccurrences(of: "{model: vgg-16, gpus: 512,", with: "{model: bert-base, gpus: 512,")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(text: wrongModel, file: "h.yaml") }
    }

    @Test func aBarrierRunsCriticalPathIsATrackAndAFirstGanttRow() throws {
        let scenario = try ScenarioLoader.load(text: """
            name: path
            seed: 1
            cluster: {racks: 1, hosts_per_rack: 2, executors_per_host: 1, executor: {cores: 2, memory: 8g},
                      network: {host_link: 10Gbps, latency: 5us}}
            workload: {kind: logistic-regression, style: barrier-allreduce, data: {rows: 1000, features: 5},
                       partitions: 2, solver: gd, max_iter: 3, tol: 0, exchange: arrow, allreduce: ring}
            """, file: "path.yaml")
        let record = try #require(Runner.records(scenario).first)
        let parts = record.criticalPath.map(\.part)
        #expect(parts.contains("Python start-up") && parts.contains("exchange") && parts.contains("allreduce"))
        // Stretches are in time order and never overlap.
        #expect(zip(record.criticalPath, record.criticalPath.dropFirst()).allSatisfy {
            $0.endNanoseconds <= $1.startNanoseconds
        })
        let files = Runner.folder(ScenarioDescription(scenario), [record]).files
        let trace = try #require(files.first { $0.name == "trace.json" }?.contents)
        #expect(trace.contains("\"name\":\"training (critical path)\""))
        #expect(trace.contains("\"name\":\"Python start-up\",\"cat\":\"critical-path\""))
        let gantt = try #require(files.first { $0.name == "timeline.svg" }?.contents)
        #expect(gantt.contains(">training (critical path)</text>") && gantt.contains(">path: exchange</text>"))
        let startup = try #require(files.first { $0.name == "startup.svg" }?.contents)
        #expect(startup.contains(">Python start-up</text>") && startup.contains(">exchange</text>"))
        let costs = try #require(files.first { $0.name == "iteration_costs.csv" }?.contents)
        let first = try #require(costs.split(separator: "\n").first { $0.hasPrefix(",1,") })
        // Iteration 1 carries the start-up and the exchange in their own columns.
        let cells = first.split(separator: ",", omittingEmptySubsequences: false)
        #expect(Int64(cells[9])! > 0 && Int64(cells[10])! > 0)
    }

    @Test func identicalLinkCurvesAreDrawnOnce() {
        func samples(_ link: String, _ u: Double) -> [LinkUtilisationSample] {
            [LinkUtilisationSample(link: link, startNanoseconds: 0, endNanoseconds: 10, utilisation: u),
             LinkUtilisationSample(link: link, startNanoseconds: 10, endNanoseconds: 20, utilisation: u / 2)]
        }
        let chart = LinkUtilisationChart(title: "links",
                                         samples: samples("rack0.up", 0.5) + samples("rack1.down", 0.5)
                                             + samples("host0-0.up", 0.9))
        #expect(chart.curveGroups == [["rack0.up", "rack1.down"], ["host0-0.up"]])
        #expect(chart.svg.contains(">rack0.up = rack1.down</text>"))
    }
}
