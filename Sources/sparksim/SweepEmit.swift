import ArgumentParser
import Foundation
import Lab

extension SweepCommand {
    /// `--emit slurm|k8s`: the batch files, written under `DIR/<name>/slurm/` or `k8s/`.
    func emitBatch(_ kind: String, plan: SweepPlan, slices: Int) throws {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? (path as NSString).standardizingPath
                : ((cwd as NSString).appendingPathComponent(path) as NSString).standardizingPath
        }
        let out = absolute(outputDirectory)
        let folder = (out as NSString).appendingPathComponent(plan.scenario.name)
        let shards = SweepShards(plan, count: slices)
        let requests = SweepBatch.requests(work: shards.work.max() ?? 0)
        let executable = sparksim.map(absolute) ?? absolute(CommandLine.arguments[0].contains("/")
            ? CommandLine.arguments[0] : (Bundle.main.executablePath ?? "sparksim"))
        let batch = SweepBatch(
            name: plan.scenario.name, scenarioFile: absolute(file), outputDirectory: out, sweepFolder: folder,
            executable: executable, slices: slices, parallel: parallel ?? plan.sweep.parallel, settings: settings,
            seed: seed, cpusPerSlice: jobs ?? 1, minutesPerSlice: requests.minutes,
            memoryMiBPerSlice: requests.memoryMiB)
        let written: [Sweep.BatchFile]
        switch kind {
        case "slurm":
            let files = SlurmEmitter.files(batch)
            written = [.init(path: "slurm/sweep-array.sbatch", text: files.array, executable: false),
                       .init(path: "slurm/sweep-merge.sbatch", text: files.merge, executable: false),
                       .init(path: "slurm/submit.sh", text: files.submit, executable: true)]
        default:
            let files = KubernetesEmitter.files(batch, .init(image: image, command: command, volumeClaim: volumeClaim))
            written = [.init(path: "k8s/scenario-configmap.yaml", text: files.configMap, executable: false),
                       .init(path: "k8s/slices-job.yaml", text: files.slicesJob, executable: false),
                       .init(path: "k8s/merge-job.yaml", text: files.mergeJob, executable: false),
                       .init(path: "k8s/submit.sh", text: files.submit, executable: true)]
        }
        do {
            try Sweep.writeBatchFiles(written, plan: plan, outputDirectory: out, force: force)
        } catch let refusal as OutputRefusal {
            printToStandardError("sparksim: \(refusal)")
            throw ExitCode(1)
        }
        let submit = (folder as NSString).appendingPathComponent("\(kind == "slurm" ? "slurm" : "k8s")/submit.sh")
        print("wrote \(folder)/\(kind == "slurm" ? "slurm" : "k8s")/: \(slices) slice(s) of \(plan.runs.count) run(s), "
              + "\(requests.minutes) min and \(requests.memoryMiB) MiB per slice; submit with \(submit)")
    }
}
