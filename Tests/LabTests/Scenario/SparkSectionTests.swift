import Engine
import Testing
@testable import Lab

@Suite struct SparkSectionTests {
    let ms: Int64 = 1_000_000
    let s: Int64 = 1_000_000_000

    @Test func absentSparkSectionMeansSparksDefaults() throws {
        let scenario = try #require(loadValid(minimal()))
        #expect(scenario.spark == SparkConf())
        #expect(scenario.spark.localityWaitNanoseconds == 3 * s)
    }

    @Test func bareNumbersTakeEachKeysOwnSparkUnit() throws {
        let text = minimal("""
            spark:
              spark.locality.wait: 500
              spark.executor.memory: 2048
              spark.broadcast.blockSize: 1024
              spark.dynamicAllocation.executorIdleTimeout: 30
              spark.barrier.sync.timeout: 10
              spark.driver.maxResultSize: 4096
            """)
        let conf = try #require(loadValid(text)).spark
        #expect(conf.localityWaitNanoseconds == 500 * ms)
        #expect(conf.localityWaitNodeNanoseconds == 500 * ms)
        #expect(conf.executorMemoryBytes == 2048 << 20)
        #expect(conf.broadcastBlockSizeBytes == 1 << 20)
        #expect(conf.dynamicAllocationExecutorIdleTimeoutNanoseconds == 30 * s)
        #expect(conf.barrierSyncTimeoutNanoseconds == 10 * s)
        #expect(conf.driverMaxResultSizeBytes == 4096)
    }

    @Test func suffixedValuesOverrideTheBareUnit() throws {
        let text = minimal("""
            spark:
              spark.locality.wait: 2min
              spark.executor.memory: 4g
              spark.speculation.interval: 1.5s
              spark.scheduler.mode: fair
              spark.speculation: TRUE
            """)
        let conf = try #require(loadValid(text)).spark
        #expect(conf.localityWaitNanoseconds == 120 * s)
        #expect(conf.executorMemoryBytes == 4 << 30)
        #expect(conf.speculationIntervalNanoseconds == 1_500 * ms)
        #expect(conf.schedulingMode == .fair)
        #expect(conf.speculationEnabled)
        #expect(Array(conf.settings.keys) == [
            "spark.locality.wait", "spark.executor.memory", "spark.speculation.interval", "spark.scheduler.mode",
            "spark.speculation",
        ])
    }

    @Test func sparkValueErrorsNameTheKeyAndItsUnit() {
        #expect(firstMessage(minimal("spark: {spark.task.maxFailures: 2.5}"))
            == "9:33: spark.task.maxFailures: '2.5' is not a whole number; "
                + "expected a whole number from -2147483648 to 2147483647")
        #expect(firstMessage(minimal("spark: {spark.task.maxFailures: 0}"))
            == "9:33: spark.task.maxFailures = 0 is out of range; expected a value of at least 1")
        #expect(firstMessage(minimal("spark: {spark.scheduler.mode: LIFO}"))
            == "9:31: spark.scheduler.mode = 'LIFO' is not a valid value; expected one of FIFO, FAIR")
        #expect(firstMessage(minimal("spark: {locality.wait: 1s}"))?
            .contains("did you mean 'spark.locality.wait'?") == true)
    }

    @Test func crossKeyConflictsPointAtASettingTheyInvolve() {
        let text = minimal("""
            spark:
              spark.excludeOnFailure.enabled: true
              spark.task.maxFailures: 2
            """)
        #expect(diagnostics(text).first.map { "\($0.line):\($0.column)" } == "11:3")
    }

    @Test func poolsNestAndDefaultAsSparksPoolDefaults() throws {
        let text = minimal("""
            pools:
              - {name: prod, minShare: 2, weight: 3, schedulingMode: fair}
              - name: adhoc
                pools: [{name: small}]
            """)
        let pools = try #require(loadValid(text)).pools
        #expect(pools.map(\.name) == ["prod", "adhoc"])
        #expect(pools[0].schedulingMode == .fair && pools[0].minShare == 2 && pools[0].weight == 3)
        #expect(pools[1].schedulingMode == .fifo && pools[1].minShare == 0 && pools[1].weight == 1)
        #expect(pools[1].pools.map(\.name) == ["small"])
    }

    @Test func resourceProfilesDefaultTaskResourcesFromSpark() throws {
        let text = minimal("""
            spark: {spark.task.cpus: 2, spark.executor.cores: 4}
            resource_profiles:
              wide: {executor: {cores: 8}}
              pair: {task: {gpus: 0.5}}
            """)
        let profiles = try #require(loadValid(text)).resourceProfiles
        #expect(profiles.map(\.name) == ["wide", "pair"])
        #expect(profiles[0].executor?.cores == 8 && profiles[0].task.cpus == 2)
        #expect(profiles[1].executor == nil)
        #expect(profiles[1].task == Scenario.TaskResources(cpus: 2, gpus: 0.5))
    }

    @Test func engineOptionsDefaultAndParse() throws {
        let defaults = try #require(loadValid(minimal())).engine
        #expect(defaults == Scenario.EngineOptions())
        #expect(defaults.shuffleOffers && defaults.barrierPollInterval == .seconds(1))
        let engine = "engine: {shuffle_offers: false, task_launch_overhead: 3ms, barrier_poll_interval: 0}"
        let set = try #require(loadValid(minimal(engine)))
        #expect(!set.engine.shuffleOffers)
        #expect(set.engine.taskLaunchOverhead == .milliseconds(3))
        #expect(set.engine.barrierPollInterval == .zero)
    }
}
