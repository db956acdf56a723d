import Engine

extension SparkScheduler: SchedulingEngine {}

/// Builds Spark's scheduler for a scripted run: the scenario's configuration, pools,
/// profiles and rack map turned into the engine's own types.
enum SparkSchedulerFactory {
    static func make(for scenario: Scenario) -> SchedulingEngineFactory {
        let hostRacks = rackMap(scenario)
        return { settings, environment in
            var configuration = TaskSchedulerConfiguration(
                conf: settings.conf, maxTaskFailures: settings.maxTaskFailures,
                pools: settings.pools.map(poolSpec), shuffleOffers: settings.shuffleOffers)
            configuration.taskOnlyProfiles = Set(settings.taskOnlyProfileIDs)
            configuration.hostRacks = hostRacks
            configuration.onLocalMaster = scenario.runsOnLocalMaster
            return SparkScheduler(conf: settings.conf, taskScheduler: configuration, environment: environment)
        }
    }

    static func poolSpec(_ pool: Scenario.Pool) -> PoolSpec {
        PoolSpec(name: pool.name, minShare: pool.minShare, weight: pool.weight,
                 schedulingMode: pool.schedulingMode, children: pool.pools.map(poolSpec))
    }

    /// Every host's rack, for executors present at time 0 and those added by faults; empty
    /// when the cluster names no racks (then RACK_LOCAL never applies, as in Spark).
    static func rackMap(_ scenario: Scenario) -> [HostID: RackID] {
        var racks: [HostID: RackID] = [:]
        for executor in scenario.cluster.executors {
            if let rack = executor.rack { racks[executor.host] = rack }
        }
        for fault in scenario.faults {
            if case .executorAdded(let executor, _) = fault, let rack = executor.rack { racks[executor.host] = rack }
        }
        return racks
    }
}
