import Engine
import Sim

/// How Spark's driver notices an executor that went silent (`HeartbeatReceiver`).
struct HeartbeatSettings {
    /// `spark.executor.heartbeatInterval`: each executor heartbeats this often after it
    /// registered (at registration + k × interval, k ≥ 1; Spark adds a random initial delay
    /// of up to one interval, left out here so that runs do not depend on it).
    var interval = SimDuration.seconds(10)
    /// `spark.network.timeout`: a last heartbeat older than this gets the executor removed.
    var timeout = SimDuration.seconds(120)
    /// `spark.network.timeoutInterval`: the expiry check runs every this long from time 0.
    var checkInterval = SimDuration.seconds(60)

    /// The last heartbeat an executor registered at `registered` sent before going silent
    /// at `silentAt` (its registration when it had sent none).
    func lastHeartbeat(registered: SimInstant, silentAt: SimInstant) -> SimInstant {
        let alive = (silentAt - registered).nanoseconds
        let beats = alive > 0 ? (alive - 1) / interval.nanoseconds : 0
        return registered + interval * beats
    }

    /// The first check (at k × checkInterval from time 0) that finds `lastSeen` older than
    /// the timeout, strictly, as `now - lastSeenMs > executorTimeoutMs`.
    func expiry(lastSeen: SimInstant, notBefore: SimInstant) -> SimInstant {
        let earliest = max(lastSeen.nanosecondsSinceStart + timeout.nanoseconds + 1, notBefore.nanosecondsSinceStart)
        let k = (earliest + checkInterval.nanoseconds - 1) / checkInterval.nanoseconds
        return SimInstant.zero + checkInterval * k
    }
}

/// A host that stops answering (`host-unreachable`): nothing reports it, its executors
/// stay registered and their tasks look running, until the driver's heartbeat check
/// removes them as Spark's HeartbeatReceiver does (`ExecutorProcessLost` with "Executor
/// heartbeat timed out after <n> ms": the failures count toward `spark.task.maxFailures`).
extension SimulatedExecutorBackend {
    /// The host went silent: its tasks freeze where they are (nothing they were doing
    /// will end), and each of its executors is due for removal at the first heartbeat check
    /// that finds it silent for longer than the timeout.
    func hostWentSilent(_ host: HostIndex) {
        guard silentHosts.insert(host).inserted else { return }
        let topology = deployment.cluster.topology
        for index in topology.hosts[host].liveExecutors {
            let executor = topology.executors[index].id
            for id in tasksByExecutor[executor] ?? [] {
                if let step = tasks[id]!.step { deployment.cluster.simulation.cancel(step) }
                if let fault = tasks[id]!.faultEvent { deployment.cluster.simulation.cancel(fault) }
                tasks[id]!.step = nil
                tasks[id]!.faultEvent = nil
            }
            let lastSeen = options.heartbeats.lastHeartbeat(registered: registeredAt[executor] ?? .zero, silentAt: now)
            schedule(.heartbeatExpired(executor: executor, lastSeen: lastSeen),
                     at: options.heartbeats.expiry(lastSeen: lastSeen, notBefore: now))
        }
    }

    /// The driver gives up on a silent executor: it leaves the cluster, its frozen tasks
    /// fail as lost with it, and reads of its map outputs elsewhere fail to fetch.
    func heartbeatExpired(_ executor: String, lastSeen: SimInstant) {
        let topology = deployment.cluster.topology
        guard let index = topology.executor(id: executor), topology.executors[index].isLive else { return }
        let message = "Executor heartbeat timed out after \((now - lastSeen).nanoseconds / 1_000_000) ms"
        deployment.cluster.removeSilentExecutor(index, reason: message)
        deployment.trace.takeClusterRows(deployment.cluster.trace)
        for id in tasksByExecutor[executor] ?? [] { remove(id) }
        deployment.deliver(.executorLost(executor, .processLost(causedByApp: true, message: message)))
        failBrokenReads(aborted: [])
    }
}
