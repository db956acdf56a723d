import Engine
import Foundation
import Sim

/// `master:` — Spark's master URLs for a one-machine run, with Spark's semantics.
struct MasterDecoder: SectionDecoder {
    let sink: DecodingSink

    static let masterExpected = "local[N], local[N,F] or local-cluster[N,C,M] with whole numbers"

    /// Executors for `local`, `local[N]`, `local[N,F]` and `local-cluster[N,C,M]` on host
    /// `localhost`, without racks.
    ///
    /// `local[*]` is refused: Spark takes its core count from the machine it runs on, which
    /// would make a simulation's result depend on the computer that ran it. Cluster-manager
    /// URLs (`yarn`, `spark://`, `k8s://`) name real clusters and are refused too.
    func decodeMaster(_ node: SourceNode, defaults: ExecutorDefaults)
        -> (Scenario.Cluster.Form, [DecodedExecutor])?
    {
        guard let url = text(node, "master", expected: Self.masterExpected) else { return nil }
        guard let kind = parseMaster(url, at: node.position) else { return nil }
        let master = Scenario.Master(url: url, kind: kind)
        var executors: [Scenario.Executor] = []
        switch kind {
        case .local(let cores, _):
            executors.append(Scenario.Executor(
                id: "driver", host: "localhost", rack: nil, cores: cores, gpus: defaults.conf.executorGPUAmount,
                memory: ByteCount(bytes: defaults.conf.executorMemoryBytes), profile: nil))
        case .localCluster(let count, let cores, let memoryMiB):
            for i in 0..<count {
                executors.append(Scenario.Executor(
                    id: "\(i)", host: "localhost", rack: nil, cores: cores, gpus: defaults.conf.executorGPUAmount,
                    memory: ByteCount(bytes: Int64(memoryMiB) << 20), profile: nil))
            }
        }
        ExecutorDecoder(sink: sink).checkTaskCPUs(executors[0], at: node.position, conf: defaults.conf)
        let decoded = executors.map {
            DecodedExecutor(executor: $0, position: node.position, idPosition: node.position,
                            hostPosition: node.position, isGenerated: true)
        }
        return (.master(master), decoded)
    }

    private func parseMaster(_ url: String, at position: SourcePosition) -> Scenario.Master.Kind? {
        if url == "local" { return .local(cores: 1, attempts: 1) }
        if url.hasPrefix("local[") || url.hasPrefix("local-cluster[") {
            guard url.hasSuffix("]"), let open = url.firstIndex(of: "[") else {
                report(position, "master '\(url)' is missing its closing ']'", expected: Self.masterExpected)
                return nil
            }
            let inside = url[url.index(after: open)..<url.index(before: url.endIndex)]
            let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.first == "*" {
                report(position, "master '\(url)' takes its core count from the machine running sparksim, "
                       + "so results would depend on that machine",
                       expected: "local[N] with an explicit number of cores")
                return nil
            }
            let isCluster = url.hasPrefix("local-cluster[")
            let numbers = parts.map { Int($0) }
            let arity = isCluster ? [3] : [1, 2]
            guard arity.contains(parts.count), numbers.allSatisfy({ $0 != nil }) else {
                report(position, "master '\(url)' is not a valid \(isCluster ? "local-cluster" : "local") URL",
                       expected: Self.masterExpected)
                return nil
            }
            let values = numbers.map { $0! }
            if let bad = values.first(where: { $0 < 1 }) {
                report(position, "master '\(url)' has \(bad), below the minimum 1", expected: Self.masterExpected)
                return nil
            }
            let limits = isCluster ? [ScenarioLimits.maxExecutors, ScenarioLimits.maxCoresPerExecutor, 1 << 30]
                : [ScenarioLimits.maxCoresPerExecutor, ScenarioLimits.maxAttempt]
            if let index = values.indices.first(where: { values[$0] > limits[$0] }) {
                report(position, "master '\(url)' has \(values[index]), above the limit \(limits[index])",
                       expected: Self.masterExpected)
                return nil
            }
            if isCluster {
                return .localCluster(executors: values[0], coresPerExecutor: values[1], memoryMiB: values[2])
            }
            return .local(cores: values[0], attempts: values.count == 2 ? values[1] : 1)
        }
        report(position, "master '\(url)' needs a real cluster manager",
               expected: Self.masterExpected + " (or describe the cluster with executors: or racks:)")
        return nil
    }
}
