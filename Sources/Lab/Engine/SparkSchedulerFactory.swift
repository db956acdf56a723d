import Engine

extension SparkScheduler: SchedulingEngine {}

/// Builds Spark's scheduler for a deployment: its configuration, pools, profiles and
/// rack map turned into the engine's own types.
enum SparkSchedulerFactory {
    static func make(for setup: DeploymentSetup) -> SchedulingEngineFactory {
        let hostRacks = rackMap(setup)
        let onLocalMaster = setup.runsOnLocalMaster
        return { settings, environment in
            var configuration = TaskSchedulerConfiguration(
                conf: settings.conf, maxTaskFailures: settings.maxTaskFailures,
                pools: settings.pools.map(poolSpec), shuffleOffers: settings.shuffleOffers)
            configuration.taskOnlyProfiles = Set(settings.taskOnlyProfileIDs)
            configuration.hostRacks = hostRacks
            configuration.onLocalMaster = onLocalMaster
            return SparkScheduler(conf: settings.conf, taskScheduler: configuration, environment: environment)
        }
    }

    /// The scheduler of `scenario`'s deployment as its file describes it.
    static func make(for scenario: Scenario) -> SchedulingEngineFactory { make(for: DeploymentSetup(scenario)) }

    static func poolSpec(_ pool: Scenario.Pool) -> PoolSpec {
        PoolSpec(name: pool.name, minShare: pool.minShare, weight: pool.weight,
                 schedulingMode: pool.schedulingMode, children: pool.pools.map(poolSpec))
    }

    /// Every host's rack, for executors present at time 0 and those added by faults; empty
    /// when the cluster names no racks (then RACK_LOCAL never applies, as in Spark).
    static func rackMap(_ setup: DeploymentSetup) -> [HostID: RackID] {
        var racks: [HostID: RackID] = [:]
        for executor in setup.cluster.executors {
            if let rack = executor.rack { racks[executor.host] = rack }
        }
        for fault in setup.faults {
            if case .executorAdded(let executor, _) = fault, let rack = executor.rack { racks[executor.host] = rack }
        }
        return racks
    }
}
