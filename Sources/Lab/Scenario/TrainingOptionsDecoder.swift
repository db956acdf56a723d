import Sim

/// The optional cost keys of the training workloads.
struct TrainingOptionsDecoder: SectionDecoder {
    let sink: DecodingSink

    static let trainingOptionKeys = ["allreduce", "sync", "python_worker_startup", "exchange", "checkpoint_every",
                                     "represents_rows"]
    /// Keys that only the barrier style uses (task-parallel MLlib runs in the JVM).
    static let barrierOnlyKeys = trainingOptionKeys.filter { $0 != "represents_rows" }

    /// Decodes the keys present; a barrier-only key under `style: task-parallel` is an
    /// error, so a setting never silently does nothing.
    func decodeTrainingOptions(_ f: Fields, barrier: Bool) -> Scenario.TrainingOptions? {
        var options = Scenario.TrainingOptions()
        var ok = true
        if !barrier, let key = Self.barrierOnlyKeys.first(where: { f.has($0) }) {
            report(f.keyPosition(key)!, "'\(key)' applies to style barrier-allreduce only",
                   expected: "style: barrier-allreduce, or no '\(key)' (task-parallel training runs in the JVM)")
            return nil
        }
        let algorithms = CollectiveAlgorithm.allreduces.map(\.rawValue)
        if let node = f.present("allreduce") {
            if let a = choice(node, "allreduce", algorithms).flatMap(CollectiveAlgorithm.init(rawValue:)) {
                options.allreduce = a
            } else { ok = false }
        }
        if let node = f.present("sync") {
            let names = Scenario.TrainingOptions.Sync.allCases.map(\.rawValue)
            if let s = choice(node, "sync", names).flatMap(Scenario.TrainingOptions.Sync.init(rawValue:)) {
                options.sync = s
            } else { ok = false }
        }
        if let node = f.present("python_worker_startup") {
            if let d = duration(node, "python_worker_startup") { options.pythonWorkerStartup = d } else { ok = false }
        }
        if let node = f.present("exchange") {
            let names = Scenario.TrainingOptions.Exchange.allCases.map(\.rawValue)
            if let e = choice(node, "exchange", names).flatMap(Scenario.TrainingOptions.Exchange.init(rawValue:)) {
                options.exchange = e
            } else { ok = false }
        }
        if let node = f.present("checkpoint_every") {
            if let n = int(node, "checkpoint_every", range: 1...ScenarioLimits.maxIterations) {
                options.checkpointEvery = n
            } else { ok = false }
        }
        if let node = f.present("represents_rows") {
            if let n = int(node, "represents_rows", range: 1...ScenarioLimits.maxRepresentedRows) {
                options.representsRows = n
            } else { ok = false }
        }
        return ok ? options : nil
    }
}
