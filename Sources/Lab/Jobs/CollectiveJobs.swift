import Engine
import Sim

/// A `collective` workload as a phase of a Spark application: each group is one barrier
/// job of a task per rank, task `i` preferring rank `i`'s host, each task doing the
/// group's collective with its barrier peers (as Horovod or an NCCL test run from a
/// Hydrogen barrier stage would). All groups are submitted when the phase starts, so
/// they compete for the network as the lone workload's groups do.
///
/// The operation starts when the last task of its group has arrived; its time is the
/// collective's own (`CollectiveRunner`), from that start until every rank holds the
/// result.
final class CollectiveJobs: JobSource {
    private let stages: [String: StageWork]
    private let jobs: [JobSpec]
    private var handedOut = false

    /// - Parameter groups: each group's hosts, in rank order.
    init(_ workload: Scenario.CollectiveWorkload, groups: [[String]], cpusPerTask: Int, keyPrefix: String) {
        var stages: [String: StageWork] = [:]
        var jobs: [JobSpec] = []
        for (index, hosts) in groups.enumerated() {
            let job = Self.jobName(index)
            let key = "\(keyPrefix)\(job).\(Self.stageName)"
            stages[key] = StageWork(
                key: key, job: job, name: Self.stageName, partitions: hosts.count, parents: [], reducers: 1,
                writesShuffleOutput: false, isBarrier: true,
                program: CollectiveTaskProgram(bytes: workload.bytes.bytes, algorithm: workload.algorithm))
            jobs.append(JobSpec(name: job, stages: [StageSpec(
                key: key, name: Self.stageName, jobName: job, partitions: hosts.count,
                preferredLocations: hosts.map { [.host($0)] }, isBarrier: true,
                resources: TaskResourceRequest(cpus: cpusPerTask))]))
        }
        self.stages = stages
        self.jobs = jobs
    }

    static let stageName = "collective"
    static func jobName(_ group: Int) -> String { "collective-\(group)" }

    var isFinished: Bool { handedOut }

    func plannedJobs(from start: SimInstant) -> [JobSubmission] { [] }

    func driverStarted(at now: SimInstant) -> [JobSubmission] {
        handedOut = true
        return jobs.map { JobSubmission(spec: $0, at: now) }
    }

    func jobEnded(_ job: String, succeeded: Bool, at now: SimInstant) -> [JobSubmission] { [] }

    func stage(_ key: String) -> StageWork? { stages[key] }
}

/// A collective rank's program: the operation with its barrier peers, then done.
final class CollectiveTaskProgram: TaskProgram {
    let bytes: Int64
    let algorithm: CollectiveAlgorithm

    init(bytes: Int64, algorithm: CollectiveAlgorithm) {
        self.bytes = bytes
        self.algorithm = algorithm
    }

    func nextStep(_ task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        switch cursor.phase {
        case .start where !cursor.readShuffle:
            cursor.readShuffle = true
            return .readShuffle
        case .start:
            cursor.phase = .reduce(pass: 0)
            return .allreduce(pass: 0, bytes: bytes, algorithm: algorithm)
        default:
            cursor.phase = .done
            return .finish
        }
    }

    func sizesByReducer(partition: Int, reducers: Int) -> [Int64] { Array(repeating: 0, count: reducers) }
}
