import Testing
@testable import Lab

/// MLlib's cached input partitions: a task that runs where its partition is not cached
/// reads it from the executor that holds it, and a partition lost with its executor is
/// recomputed from its source by the next task that needs it, at the source's read rate.
@Suite struct CachedPartitionTests {
    /// Two one-core executors, 2 partitions standing for 100 million rows of 4 features
    /// (40 bytes a row: 2 GB a partition, 20 s to read again at 100 MB/s).
    static func scenario(faults: String) -> String {
        """
        name: t
        seed: 1
        cluster:
          executors:
            - {id: e1, host: h1, cores: 1}
            - {id: e2, host: h2, cores: 1}
          network: {host_link: 10Gbps, latency: 5us}
        engine: {control_plane: none, shuffle_offers: false}
        workload:
          kind: logistic-regression
          style: task-parallel
          data: {rows: 2000, features: 4}
          represents_rows: 100000000
          partitions: 2
          solver: gd
          max_iter: 6
          tol: 0
          reg_param: 0
        faults: \(faults)
        """
    }

    static func jobDurations(_ yaml: String) throws -> [Double] {
        let run = try controlPlaneRun(yaml)
        return zip(instants(run.rows, "job-submitted"), instants(run.rows, "job-succeeded")).map { $1 - $0 }
    }

    @Test func aPartitionLostWithItsExecutorIsRecomputedOnceAtItsSourceReadRate() throws {
        let healthy = try Self.jobDurations(Self.scenario(faults: "[]"))
        #expect(healthy.allSatisfy { $0 < 1_000 }, "\(healthy)")
        let lost = try Self.jobDurations(Self.scenario(faults: "[{kind: executor-lost, executor: e2, at: 300ms}]"))
        // The job after the loss reads the lost partition again (2 GB at 100 MB/s); the
        // ones after it find it cached on e1.
        let slow = lost.filter { $0 >= 20_000 }
        #expect(slow.count == 1, "\(lost)")
        #expect(lost.last! < 1_000, "\(lost)")
    }
}
