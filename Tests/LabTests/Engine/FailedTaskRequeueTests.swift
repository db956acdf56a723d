import Engine
import Report
import Sim
import Testing
@testable import Lab

/// A failed attempt goes back to its pending list as Spark puts it back: only after the
/// offer its own end triggered (the backend re-offers the freed core at once; the
/// result-getter thread re-queues the attempt and revives offers later).
@Suite struct FailedTaskRequeueTests {
    static func launches(_ yaml: String) throws -> [String] {
        let scenario = try ScenarioLoader.load(text: yaml, file: "t.yaml")
        guard case .scripted(let workload) = scenario.variants[0].workload else { preconditionFailure() }
        let rows = EngineRun.run(scenario, workload, streams: RandomStreams(seed: 0),
                                 makeEngine: SparkSchedulerFactory.make(for: scenario)).outcome.trace
        return rows.filter { $0.event == .taskLaunched }
            .map { "\($0.timeNanoseconds / 1_000_000) p\($0.partition!).\($0.taskAttempt!)" }
    }

    @Test func theFreedCoreGoesToAnotherPendingTaskFirst() throws {
        let order = try Self.launches("""
            name: t
            cluster: {master: "local[1,4]"}
            engine: {control_plane: none}
            workload: {kind: scripted, jobs: [{name: j, stages: [{name: s, tasks: 2, duration: 1s}]}]}
            faults: [{kind: task-failure, stage: s, partition: 0, after: 500ms}]
            """)
        #expect(order == ["0 p0.0", "500 p1.0", "1500 p0.1"])
    }

    /// With the control plane's costs the order is the same: the failure reaches the
    /// driver later (result getter, scheduling thread) and the launches take time, but the
    /// freed core still goes to p1 before p0's retry.
    @Test func theOrderIsTheSameWithTheControlPlanesCosts() throws {
        let order = try Self.launches("""
            name: t
            cluster: {master: "local[1,4]"}
            workload: {kind: scripted, jobs: [{name: j, stages: [{name: s, tasks: 2, duration: 1s}]}]}
            faults: [{kind: task-failure, stage: s, partition: 0, after: 500ms}]
            """)
        #expect(order.map { $0.split(separator: " ")[1] } == ["p0.0", "p1.0", "p0.1"])
    }

    @Test func withNothingElsePendingTheRetryTakesTheCoreAtTheSameInstant() throws {
        let order = try Self.launches("""
            name: t
            cluster: {master: "local[1,4]"}
            engine: {control_plane: none}
            workload: {kind: scripted, jobs: [{name: j, stages: [{name: s, tasks: 1, duration: 1s}]}]}
            faults: [{kind: task-failure, stage: s, partition: 0, after: 500ms}]
            """)
        #expect(order == ["0 p0.0", "500 p0.1"])
    }
}
