import Testing
@testable import Lab

/// `cluster.cpu.physical_cores`, a scripted stage's CPU part (`cpu_fraction`,
/// `cpu_durations`) and Python workers (`python: true`), run end to end without the
/// control plane's other costs.
@Suite struct CPUContentionTests {
    static func scenario(master: String, cores: Int?, stage: String,
                         controlPlane: String = "none") -> String {
        """
        name: t
        cluster: {master: "\(master)"\(cores.map { ", cpu: {physical_cores: \($0)}" } ?? "")}
        engine: {shuffle_offers: false, control_plane: \(controlPlane)}
        workload:
          kind: scripted
          jobs:
            - name: j
              stages: [\(stage)]
        """
    }

    static func expectMakespan(_ yaml: String, _ milliseconds: Double,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let makespan = Double(try controlPlaneRun(yaml).makespan) / 1e6
        #expect(makespan == milliseconds, sourceLocation: sourceLocation)
    }

    @Test func fourCPUTasksOnTwoPhysicalCoresTakeTwiceAsLong() throws {
        let stage = "{name: s, tasks: 4, duration: 1s}"
        try Self.expectMakespan(Self.scenario(master: "local[4]", cores: nil, stage: stage), 1_000)
        try Self.expectMakespan(Self.scenario(master: "local[4]", cores: 4, stage: stage), 1_000)
        try Self.expectMakespan(Self.scenario(master: "local[4]", cores: 2, stage: stage), 2_000)
        try Self.expectMakespan(Self.scenario(master: "local-cluster[2,2,1024]", cores: 1, stage: stage), 4_000)
    }

    /// Half of each second waits (a sleep), then the CPU half shares the two cores.
    @Test func onlyTheCPUPartShares() throws {
        let half = "{name: s, tasks: 4, duration: 1s, cpu_fraction: 0.5}"
        try Self.expectMakespan(Self.scenario(master: "local[4]", cores: 2, stage: half), 1_500)
        let waiting = "{name: s, tasks: 4, duration: 1s, cpu_durations: [0s, 0s, 0s, 0s]}"
        try Self.expectMakespan(Self.scenario(master: "local[4]", cores: 1, stage: waiting), 1_000)
        // Uneven: 1 s of CPU, then 0.2 s of CPU + 0.8 s waiting, on one core.
        let uneven = "{name: s, tasks: 2, durations: [1s, 1s], cpu_durations: [1s, 200ms]}"
        // Task 1 waits 0.8 s while task 0 runs alone, then both share the core: task 0 has
        // 0.2 s left, task 1 0.2 s: both end 0.4 s later.
        try Self.expectMakespan(Self.scenario(master: "local[2]", cores: 1, stage: uneven), 1_200)
    }

    /// Two slots run eight Python tasks: the first two start a worker each, the other six
    /// reuse them (spark.python.worker.reuse).
    @Test func pythonWorkersStartOncePerSlotAndAreReused() throws {
        let stage = "{name: s, tasks: 8, duration: 1s, python: true}"
        let costs = "{base: none, python_worker_startup: 1s}"
        try Self.expectMakespan(Self.scenario(master: "local[2]", cores: nil, stage: stage,
                                                            controlPlane: costs), 5_000)
        let plain = "{name: s, tasks: 8, duration: 1s}"
        try Self.expectMakespan(Self.scenario(master: "local[2]", cores: nil, stage: plain,
                                                            controlPlane: costs), 4_000)
    }

    /// Four workers starting on two cores take twice the start-up; the waiting work after
    /// it does not share.
    @Test func pythonWorkersStartingTogetherShareTheCores() throws {
        let stage = "{name: s, tasks: 4, duration: 1s, cpu_fraction: 0, python: true}"
        let costs = "{base: none, python_worker_startup: 1s}"
        try Self.expectMakespan(Self.scenario(master: "local[4]", cores: 2, stage: stage,
                                                            controlPlane: costs), 3_000)
    }

    @Test(arguments: [
        ("{name: s, tasks: 2, durations: [1s, 1s], cpu_durations: [2s, 0s]}", "cpu_durations[0] is 2s, more than the task's duration 1s"),
        ("{name: s, tasks: 2, duration: 1s, cpu_fraction: 1.5}", "cpu_fraction"),
        ("{name: s, tasks: 2, duration: 1s, cpu_fraction: 0.5, cpu_durations: [0s, 0s]}", "not both"),
        ("{name: s, tasks: 2, duration: 1s, cpu_durations: [0s]}", "cpu_durations has 1 entries but the stage has 2 tasks"),
        ("{name: s, tasks: 2, duration: 1s, python: maybe}", "python"),
    ])
    func aWrongCPUPartIsRefused(_ stage: String, _ message: String) {
        let yaml = Self.scenario(master: "local[2]", cores: 0, stage: stage)
        let text: String
        do {
            _ = try ScenarioLoader.load(text: yaml, file: "t.yaml")
            text = "loaded"
        } catch {
            text = "\(error)"
        }
        #expect(text.contains(message), "\(text)")
        #expect(text.contains("physical_cores"), "the core count 0 is reported too: \(text)")
    }
}
