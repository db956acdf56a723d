import Foundation

/// What a batch scheduler needs to run a sweep as slices plus a merge: where everything
/// is, how many slices and how many at once, and what each slice asks for.
///
/// Why sparksim does not run the slices itself: clusters that run studies of thousands of
/// runs already have a batch scheduler (Slurm, Kubernetes); sparksim only cuts the sweep
/// into slices any of them can run (`--shard K/N`) and merges the result (`--merge`).
public struct SweepBatch: Sendable, Equatable {
    public var name: String
    /// Absolute paths: the scenario file, the `--out` folder, the sweep's folder in it.
    public var scenarioFile: String
    public var outputDirectory: String
    public var sweepFolder: String
    /// The `sparksim` the slices run (Slurm: a path on the cluster's shared file system).
    public var executable: String
    public var slices: Int
    /// At most this many slices at once (nil: no limit).
    public var parallel: Int?
    /// `--set` settings and `--seed` the sweep was given, passed on to every slice.
    public var settings: [String]
    public var seed: UInt64?
    public var cpusPerSlice: Int
    /// Per slice: its time limit and memory request.
    public var minutesPerSlice: Int
    public var memoryMiBPerSlice: Int

    public init(name: String, scenarioFile: String, outputDirectory: String, sweepFolder: String, executable: String,
                slices: Int, parallel: Int?, settings: [String], seed: UInt64?, cpusPerSlice: Int,
                minutesPerSlice: Int, memoryMiBPerSlice: Int) {
        self.name = name
        self.scenarioFile = scenarioFile
        self.outputDirectory = outputDirectory
        self.sweepFolder = sweepFolder
        self.executable = executable
        self.slices = slices
        self.parallel = parallel
        self.settings = settings
        self.seed = seed
        self.cpusPerSlice = cpusPerSlice
        self.minutesPerSlice = minutesPerSlice
        self.memoryMiBPerSlice = memoryMiBPerSlice
    }

    /// Requests for a slice of `work` estimated work units (`SweepShards.work`): a
    /// generous bound, since a batch scheduler kills a task that overruns. A unit is a task
    /// attempt or a GPU step (`Scenario.estimatedWork`); release builds do one in well under
    /// a millisecond, so 10 ms a unit on top of 10 minutes leaves a wide margin; memory
    /// 1 GiB plus 4 KiB a unit (runs hold their trace rows).
    public static func requests(work: Double) -> (minutes: Int, memoryMiB: Int) {
        let seconds = 600 + work * 0.01
        let minutes = Int((seconds / 60).rounded(.up))
        let memory = 1024 + Int((work * 4 / 1024).rounded(.up))
        return (minutes, memory)
    }

    /// The arguments every slice and the merge pass on besides their own.
    var sharedArguments: [String] {
        settings.flatMap { ["--set", $0] } + (seed.map { ["--seed", String($0)] } ?? [])
    }

    /// `s` quoted for a POSIX shell (single quotes, a quote as `'\''`).
    static func shellQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// `sparksim sweep FILE --emit slurm`: a job-array script (one array task per slice, `%`
/// for the concurrency limit), a merge script run with `--dependency=afterok` on the array,
/// and `submit.sh`, which submits both.
public enum SlurmEmitter {
    public struct Files: Sendable, Equatable {
        public var array: String
        public var merge: String
        public var submit: String
    }

    public static func files(_ batch: SweepBatch) -> Files {
        let q = SweepBatch.shellQuoted
        let logs = (batch.sweepFolder as NSString).appendingPathComponent("slurm/logs")
        let limit = batch.parallel.map { "%\($0)" } ?? ""
        let shared = batch.sharedArguments.map(q).joined(separator: " ")
        let extra = shared.isEmpty ? "" : " " + shared
        let time = String(format: "%d:%02d:00", batch.minutesPerSlice / 60, batch.minutesPerSlice % 60)
        let array = """
            #!/bin/bash
            # sparksim sweep \(batch.name): slice ${SLURM_ARRAY_TASK_ID} of \(batch.slices) (written by sparksim --emit slurm).
            #SBATCH --job-name=sparksim-\(batch.name)
            #SBATCH --array=1-\(batch.slices)\(limit)
            #SBATCH --cpus-per-task=\(batch.cpusPerSlice)
            #SBATCH --time=\(time)
            #SBATCH --mem=\(batch.memoryMiBPerSlice)M
            #SBATCH --output=\(logs)/slice-%a.out
            set -euo pipefail
            exec \(q(batch.executable)) sweep \(q(batch.scenarioFile)) --shard "${SLURM_ARRAY_TASK_ID}/\(batch.slices)" \\
                --out \(q(batch.outputDirectory)) --jobs "${SLURM_CPUS_PER_TASK:-1}"\(extra)

            """
        let merge = """
            #!/bin/bash
            # sparksim sweep \(batch.name): merge the \(batch.slices) slices (written by sparksim --emit slurm).
            #SBATCH --job-name=sparksim-\(batch.name)-merge
            #SBATCH --cpus-per-task=1
            #SBATCH --time=0:30:00
            #SBATCH --mem=1024M
            #SBATCH --output=\(logs)/merge.out
            set -euo pipefail
            exec \(q(batch.executable)) sweep \(q(batch.scenarioFile)) --merge --slices \(batch.slices) \\
                --out \(q(batch.outputDirectory))\(extra)

            """
        let slurm = (batch.sweepFolder as NSString).appendingPathComponent("slurm")
        let submit = """
            #!/bin/sh
            # Submits the sweep's job array, then its merge once every array task succeeded.
            # Prints the two job ids.
            set -eu
            mkdir -p \(q(logs))
            array=$(sbatch --parsable \(q(slurm + "/sweep-array.sbatch")))
            array=${array%%;*}
            merge=$(sbatch --parsable --dependency=afterok:"$array" \(q(slurm + "/sweep-merge.sbatch")))
            echo "$array ${merge%%;*}"

            """
        return Files(array: array, merge: merge, submit: submit)
    }
}
