extension FaultInjector {
    /// Applies the fault a delivered `wake` is for, at `simulation.now`, and says what
    /// changed. The model calls this for every `FaultWake` it takes out of the simulation.
    public mutating func handle<Payload: ClusterEventCarrying>(
        _ wake: FaultWake, topology: inout ClusterTopology, in simulation: inout Simulation<Payload>
    ) -> FaultOutcome {
        let event = take(wake)
        precondition(event.instant == simulation.now, "FaultInjector: \(wake) delivered at the wrong instant")
        switch event.action {
        case .loseExecutor(let id), .loseExecutorAtRandom(let id, _, _):
            return loseExecutor(id, event, topology: &topology, in: &simulation)
        case .loseHost(let host):
            let lost = topology.host(id: host).map { topology.removeExecutors(onHost: $0) } ?? []
            for index in lost { executorLeft(topology.executors[index].id, in: &simulation) }
            return outcome(event, executor: nil, host: host, effect: .executorsLost(lost))
        case .silenceHost(let host):
            return outcome(event, executor: nil, host: host, effect: topology.host(id: host) == nil ? .none
                               : .hostUnreachable(host: host))
        case .addExecutor(let spec):
            let index = topology.addExecutor(spec)
            executorJoined(spec.id, in: &simulation)
            return outcome(event, executor: spec.id, host: spec.host, effect: .executorAdded(index))
        case .startStraggler(let host, let factor, _):
            startInterval(straggler: host, factor)
            return slowdownOutcome(event, host: host)
        case .endStraggler(let host, let factor):
            endInterval(straggler: host, factor)
            return slowdownOutcome(event, host: host)
        case .startLinkDegradation(let host, let factor, _):
            startInterval(link: host, factor)
            return linkOutcome(event, host: host)
        case .endLinkDegradation(let host, let factor):
            endInterval(link: host, factor)
            return linkOutcome(event, host: host)
        case .failGPU(let id, let address):
            return failGPU(address, of: id, event, topology: &topology)
        }
    }

    /// Breaks the GPU for good. The record is written whatever the executor's state (the
    /// scenario asked for it); only a live executor's first failure of that GPU is an
    /// effect, since nothing runs on a dead one.
    private mutating func failGPU(_ address: Int, of id: String, _ event: FaultEvent,
                                  topology: inout ClusterTopology) -> FaultOutcome {
        guard let index = topology.executor(id: id) else {
            return outcome(event, executor: id, host: nil, effect: .none)
        }
        let host = topology.hosts[topology.executors[index].host].id
        let newlyFailed = topology.failGPU(address, ofExecutor: index)
        let effect: FaultEffect = newlyFailed && topology.executors[index].isLive
            ? .gpuFailed(index, address: address) : .none
        return outcome(event, executor: id, host: host, effect: effect)
    }

    private mutating func loseExecutor<Payload: ClusterEventCarrying>(
        _ id: String, _ event: FaultEvent, topology: inout ClusterTopology, in simulation: inout Simulation<Payload>
    ) -> FaultOutcome {
        let index = topology.executor(id: id)
        let host = index.map { topology.hosts[topology.executors[$0].host].id }
        guard let index, topology.removeExecutor(index) else {
            if case .loseExecutorAtRandom = event.action { return FaultOutcome(record: nil, effect: .none) }
            return outcome(event, executor: id, host: host, effect: .executorsLost([]))
        }
        executorLeft(id, in: &simulation)
        return outcome(event, executor: id, host: host, effect: .executorsLost([index]))
    }

    private mutating func slowdownOutcome(_ event: FaultEvent, host: String) -> FaultOutcome {
        let factor = slowdown(onHost: host)
        return outcome(event, executor: nil, host: host, effect: .slowdownChanged(host: host, factor: factor),
                       combined: factor.description)
    }

    private mutating func linkOutcome(_ event: FaultEvent, host: String) -> FaultOutcome {
        let factor = linkFactor(onHost: host)
        return outcome(event, executor: nil, host: host, effect: .linkFactorChanged(host: host, factor: factor),
                       combined: factor.description)
    }

    private mutating func outcome(
        _ event: FaultEvent, executor: String?, host: String?, effect: FaultEffect, combined: String? = nil
    ) -> FaultOutcome {
        let line = FaultRecord(instant: event.instant, kind: event.action.kind, executor: executor, host: host,
                               detail: FaultRecord.detail(of: event.action, combined: combined))
        return FaultOutcome(record: record(line), effect: effect)
    }
}
