import Foundation
import Report

/// `sparksim sweep FILE --emit k8s`: a ConfigMap with the scenario file, an Indexed Job
/// whose completion index is the slice (`completionMode: Indexed`, `JOB_COMPLETION_INDEX`
/// + 1 = K), a merge Job, and `submit.sh`, which applies the first two, waits for the
/// Indexed Job to complete and applies the merge (Kubernetes Jobs have no dependencies).
///
/// The image and the command inside it are parameters (`--image`, `--command`); the
/// sweep folder is a PersistentVolumeClaim (`--volume-claim`) that every pod mounts at
/// `/sweeps`, so the slices write into one folder and the merge reads it. Strings are
/// written as JSON strings, which YAML reads as they are.
public enum KubernetesEmitter {
    public struct Parameters: Sendable, Equatable {
        public var image: String
        public var command: String
        public var volumeClaim: String

        public init(image: String, command: String, volumeClaim: String) {
            self.image = image
            self.command = command
            self.volumeClaim = volumeClaim
        }
    }

    public struct Files: Sendable, Equatable {
        public var configMap: String
        public var slicesJob: String
        public var mergeJob: String
        public var submit: String
    }

    static let scenarioMount = "/scenario"
    static let sweepsMount = "/sweeps"

    /// A DNS-1123 label from `name`: lowercase letters, digits and `-`, at most 63
    /// characters, starting and ending alphanumeric (Kubernetes object names).
    static func objectName(_ name: String, suffix: String) -> String {
        var label = ""
        for character in "sparksim-\(name)".lowercased() {
            label.append(character.isASCII && (character.isLetter || character.isNumber) ? character : "-")
        }
        let budget = 63 - suffix.count
        var trimmed = String(label.prefix(budget))
        while trimmed.hasSuffix("-") { trimmed.removeLast() }
        return trimmed + suffix
    }

    public static func files(_ batch: SweepBatch, _ parameters: Parameters) -> Files {
        let fileName = (batch.scenarioFile as NSString).lastPathComponent
        let scenarioText = (try? String(contentsOfFile: batch.scenarioFile, encoding: .utf8)) ?? ""
        let configName = objectName(batch.name, suffix: "-scenario")
        let slicesName = objectName(batch.name, suffix: "-slices")
        let mergeName = objectName(batch.name, suffix: "-merge")
        let shared = batch.sharedArguments.map(SweepBatch.shellQuoted).joined(separator: " ")
        let extra = shared.isEmpty ? "" : " " + shared
        let sparksim = SweepBatch.shellQuoted(parameters.command)
        let file = SweepBatch.shellQuoted("\(scenarioMount)/\(fileName)")
        let slice = "exec \(sparksim) sweep \(file) --shard \"$((JOB_COMPLETION_INDEX + 1))/\(batch.slices)\" "
            + "--out \(sweepsMount) --jobs \(batch.cpusPerSlice)\(extra)"
        let merge = "exec \(sparksim) sweep \(file) --merge --slices \(batch.slices) --out \(sweepsMount)\(extra)"
        let configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: \(json(configName))
            data:
              \(json(fileName)): \(json(scenarioText))

            """
        let slicesJob = job(name: slicesName, batch: batch, parameters: parameters, configName: configName,
                            script: slice, indexed: true)
        let mergeJob = job(name: mergeName, batch: batch, parameters: parameters, configName: configName,
                           script: merge, indexed: false)
        let k8s = (batch.sweepFolder as NSString).appendingPathComponent("k8s")
        let q = SweepBatch.shellQuoted
        let submit = """
            #!/bin/sh
            # Applies the scenario and the slices' Indexed Job, waits for every slice, then
            # applies the merge Job. The PersistentVolumeClaim \(parameters.volumeClaim) must exist.
            set -eu
            kubectl apply -f \(q(k8s + "/scenario-configmap.yaml"))
            kubectl apply -f \(q(k8s + "/slices-job.yaml"))
            kubectl wait --for=condition=complete --timeout=-1s job/\(slicesName)
            kubectl apply -f \(q(k8s + "/merge-job.yaml"))

            """
        return Files(configMap: configMap, slicesJob: slicesJob, mergeJob: mergeJob, submit: submit)
    }

    private static func job(name: String, batch: SweepBatch, parameters: Parameters, configName: String,
                            script: String, indexed: Bool) -> String {
        let cpus = indexed ? batch.cpusPerSlice : 1
        let memory = indexed ? batch.memoryMiBPerSlice : 1024
        let seconds = (indexed ? batch.minutesPerSlice : 30) * 60
        var spec = ""
        if indexed {
            spec += """
                  completionMode: Indexed
                  completions: \(batch.slices)
                  parallelism: \(min(batch.parallel ?? batch.slices, batch.slices))
                  backoffLimitPerIndex: 2
                  maxFailedIndexes: 0

                """
        } else {
            spec += """
                  completions: 1
                  parallelism: 1
                  backoffLimit: 2

                """
        }
        return """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(json(name))
              labels:
                app.kubernetes.io/name: "sparksim"
                sparksim/sweep: \(json(objectName(batch.name, suffix: "")))
            spec:
            \(spec)  activeDeadlineSeconds: \(indexed ? seconds * ((batch.slices + max(batch.parallel ?? batch.slices, 1) - 1) / max(batch.parallel ?? batch.slices, 1)) : seconds)
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: "sparksim"
                spec:
                  restartPolicy: Never
                  containers:
                    - name: \(indexed ? "\"slice\"" : "\"merge\"")
                      image: \(json(parameters.image))
                      command: ["/bin/sh", "-c"]
                      args: [\(json(script))]
                      resources:
                        requests: {cpu: "\(cpus)", memory: "\(memory)Mi"}
                        limits: {memory: "\(memory)Mi"}
                      volumeMounts:
                        - {name: "scenario", mountPath: \(json(scenarioMount)), readOnly: true}
                        - {name: "sweeps", mountPath: \(json(sweepsMount))}
                  volumes:
                    - name: "scenario"
                      configMap: {name: \(json(configName))}
                    - name: "sweeps"
                      persistentVolumeClaim: {claimName: \(json(parameters.volumeClaim))}

            """
    }

    /// `s` as a JSON string, which YAML reads as it is.
    static func json(_ s: String) -> String { JSONText.quoted(s) }
}
