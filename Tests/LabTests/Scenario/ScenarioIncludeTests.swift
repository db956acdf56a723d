import Foundation
import Testing
@testable import Lab

/// `include:`: calibration fragments (and spark: settings) merged under a scenario's own keys.
@Suite struct ScenarioIncludeTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sparksim-include-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    static let calibration = """
        # sparksim calibrate
        engine:
          control_plane:
            task_binary: 30ms
            rpc_latency: 4ms
        spark:
          spark.locality.wait: 1s
        """

    static func scenario(_ include: String, engine: String = "") -> String {
        """
        name: t
        include: \(include)
        cluster: {master: "local[2]"}
        \(engine)
        workload: {kind: scripted, jobs: [{name: j, stages: [{name: s, tasks: 1, duration: 1s}]}]}
        """
    }

    @Test func aFragmentsKeysBecomeTheScenariosDefaults() throws {
        let folder = try Self.folder(["cal.yaml": Self.calibration, "t.yaml": Self.scenario("cal.yaml")])
        let scenario = try ScenarioLoader.load(path: folder.appendingPathComponent("t.yaml").path)
        #expect(scenario.engine.controlPlane.taskBinary == .milliseconds(30))
        #expect(scenario.engine.controlPlane.rpcLatency == .milliseconds(4))
        #expect(scenario.engine.controlPlane.taskLaunch == ControlPlaneCosts().taskLaunch)
        #expect(scenario.spark.localityWaitNanoseconds == 1_000_000_000)
    }

    @Test func theScenariosOwnKeysWin() throws {
        let folder = try Self.folder([
            "cal.yaml": Self.calibration,
            "t.yaml": Self.scenario("[cal.yaml]", engine: "engine: {control_plane: {task_binary: 5ms}}"),
        ])
        let scenario = try ScenarioLoader.load(path: folder.appendingPathComponent("t.yaml").path)
        #expect(scenario.engine.controlPlane.taskBinary == .milliseconds(5))
        #expect(scenario.engine.controlPlane.rpcLatency == .milliseconds(4))
    }

    @Test func aMistakeInAFragmentIsReportedInTheFragment() throws {
        let folder = try Self.folder([
            "bad.yaml": "engine:\n  control_plane: {task_bnary: 1ms}\n",
            "other.yaml": "cluster: {master: local}\n",
            "cores.yaml": "cluster: {cpu: {physical_cores: 0}}\n",
            "t.yaml": Self.scenario("bad.yaml"),
            "u.yaml": Self.scenario("other.yaml"),
            "v.yaml": Self.scenario("missing.yaml"),
            "w.yaml": Self.scenario("cores.yaml"),
        ])
        for (file, message) in [("t.yaml", "bad.yaml:2:19: unknown key 'task_bnary'"),
                                ("u.yaml", "other.yaml:1:11: unknown key 'master' in an included fragment's cluster; expected one of cpu"),
                                ("w.yaml", "cores.yaml:1:33: physical_cores"),
                                ("v.yaml", "t.yaml:2:10: include: cannot read 'missing.yaml'")] {
            do {
                _ = try ScenarioLoader.load(path: folder.appendingPathComponent(file).path)
                Issue.record("\(file) loaded")
            } catch {
                let text = "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
                #expect(text.contains(message.replacingOccurrences(of: "t.yaml:2", with: "\(file):2")), "\(text)")
            }
        }
    }
}
