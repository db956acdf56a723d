extension FaultPlan {
    /// The timed events one spec gives, in the order they happen (random executor losses
    /// are drawn per executor, elsewhere).
    ///
    /// An interval gives a start and, when it ends, an end; an empty interval
    /// (`from == until`) gives nothing, since it never changes anything.
    static func timedActions(of spec: FaultSpec) -> [(SimInstant, FaultAction)] {
        switch spec {
        case .executorLost(let executor, let at):
            return [(at, .loseExecutor(executor))]
        case .hostLost(let host, let at):
            return [(at, .loseHost(host))]
        case .hostUnreachable(let host, let at):
            return [(at, .silenceHost(host))]
        case .executorAdded(let executor, let at):
            return [(at, .addExecutor(executor))]
        case .straggler(let host, let slowdown, let from, let until):
            if until == from { return [] }
            let factor = SlowdownFactor(slowdown)
            let start = (from, FaultAction.startStraggler(host: host, slowdown: factor, until: until))
            return [start] + (until.map { [($0, .endStraggler(host: host, slowdown: factor))] } ?? [])
        case .linkDegraded(let host, let fraction, let from, let until):
            if until == from { return [] }
            let factor = LinkFactor(fraction)
            let start = (from, FaultAction.startLinkDegradation(host: host, factor: factor, until: until))
            return [start] + (until.map { [($0, .endLinkDegradation(host: host, factor: factor))] } ?? [])
        case .gpuFailed(let executor, let address, let at):
            return [(at, .failGPU(executor: executor, address: address))]
        case .randomWorkFailures, .randomExecutorLoss:
            return []
        }
    }

    /// Traps on a spec no scenario validation should let through.
    static func validate(_ spec: FaultSpec) {
        switch spec {
        case .executorLost(_, let at), .hostLost(_, let at), .executorAdded(_, let at), .hostUnreachable(_, let at):
            precondition(at >= .zero, "FaultPlan: fault before time 0: \(spec)")
        case .gpuFailed(_, let address, let at):
            precondition(at >= .zero, "FaultPlan: fault before time 0: \(spec)")
            precondition(address >= 0, "FaultPlan: negative GPU address: \(spec)")
        case .straggler(_, let slowdown, let from, let until):
            precondition(from >= .zero && until.map { $0 >= from } ?? true, "FaultPlan: bad interval: \(spec)")
            precondition(slowdown >= 1 && slowdown <= 1e6, "FaultPlan: slowdown must be in [1, 10^6]: \(spec)")
        case .linkDegraded(_, let factor, let from, let until):
            precondition(from >= .zero && until.map { $0 >= from } ?? true, "FaultPlan: bad interval: \(spec)")
            precondition(factor > 0 && factor <= 1, "FaultPlan: link factor must be in (0, 1]: \(spec)")
        case .randomWorkFailures(let probability):
            precondition(probability >= 0 && probability <= 1, "FaultPlan: probability must be in [0, 1]: \(spec)")
        case .randomExecutorLoss(let mtbf, let distribution):
            precondition(mtbf > .zero, "FaultPlan: MTBF must be positive: \(spec)")
            if case .weibull(let shape) = distribution {
                precondition(shape > 0 && shape.isFinite, "FaultPlan: Weibull shape must be positive: \(spec)")
            }
        }
    }
}
