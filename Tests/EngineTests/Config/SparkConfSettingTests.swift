import Testing
@testable import Engine

@Suite struct SparkConfSettingTests {
    let s: Int64 = 1_000_000_000

    @Test func perLevelLocalityWaitsFallBackToTheGeneralWait() throws {
        let conf = try SparkConf([("spark.locality.wait", .duration(nanoseconds: 7 * s)),
                                  ("spark.locality.wait.node", .duration(nanoseconds: 0))])
        #expect(conf.localityWaitProcessNanoseconds == 7 * s)
        #expect(conf.localityWaitNodeNanoseconds == 0)
        #expect(conf.localityWaitRackNanoseconds == 7 * s)
        #expect(conf.isSet("spark.locality.wait.node"))
        #expect(!conf.isSet("spark.locality.wait.rack"))
    }

    @Test func exclusionLevelsFallBackToTheGeneralSwitch() throws {
        var conf = try SparkConf([("spark.excludeOnFailure.enabled", .bool(true))])
        #expect(conf.excludeOnFailureApplicationEnabled)
        #expect(conf.excludeOnFailureTaskAndStageEnabled)
        try conf.set("spark.excludeOnFailure.application.enabled", .bool(false))
        #expect(!conf.excludeOnFailureApplicationEnabled)
        #expect(conf.excludeOnFailureTaskAndStageEnabled)
    }

    @Test func initialExecutorsFallBackToTheMinimum() throws {
        let conf = try SparkConf([("spark.dynamicAllocation.minExecutors", .int(3))])
        #expect(conf.dynamicAllocationInitialExecutors == 3)
    }

    @Test func schedulerModeIsCaseInsensitiveAndStoredUpperCase() throws {
        let conf = try SparkConf([("spark.scheduler.mode", .string("fair"))])
        #expect(conf.schedulingMode == .fair)
        #expect(conf.settings["spark.scheduler.mode"] == .string("FAIR"))
        #expect(throws: SparkConfError.self) {
            try SparkConf([("spark.scheduler.mode", .string("ROUND_ROBIN"))])
        }
    }

    @Test func anIntIsAcceptedForADoubleKey() throws {
        let conf = try SparkConf([("spark.speculation.multiplier", .int(5))])
        #expect(conf.speculationMultiplier == 5)
    }

    @Test func wrongTypesAndRangesAreRejected() {
        #expect(throws: SparkConfError.self) { try SparkConf([("spark.task.maxFailures", .int(0))]) }
        #expect(throws: SparkConfError.self) { try SparkConf([("spark.task.cpus", .bool(true))]) }
        #expect(throws: SparkConfError.self) { try SparkConf([("spark.speculation.quantile", .double(1.5))]) }
        #expect(throws: SparkConfError.self) { try SparkConf([("spark.task.maxFailures", .int(1 << 40))]) }
    }

    @Test func gpuAmountsFollowSparksFractionRule() throws {
        for ok: Double in [0.0, 0.25, 0.5, 1.0 / 3.0, 1, 2, 8] {
            _ = try SparkConf([("spark.task.resource.gpu.amount", .double(ok))])
        }
        for bad: Double in [0.75, 1.5, -1] {
            #expect(throws: SparkConfError.self) {
                try SparkConf([("spark.task.resource.gpu.amount", .double(bad))])
            }
        }
    }

    @Test func unknownKeysSuggestTheClosestKnownKey() {
        #expect(throws: SparkConfError(
            problem: "unknown Spark key 'spark.localty.wait' (did you mean 'spark.locality.wait'?)",
            expected: "a spark.* key that sparksim models (listed in SparkConfigRegistry)")
        ) { try SparkConf([("spark.localty.wait", .duration(nanoseconds: 0))]) }
    }

    @Test func legacyBlacklistNamesPointToTheirNewNames() {
        #expect(throws: SparkConfError(
            problem: "'spark.blacklist.enabled' is the pre-3.1 name of 'spark.excludeOnFailure.enabled'",
            expected: "'spark.excludeOnFailure.enabled'")
        ) { try SparkConf([("spark.blacklist.enabled", .bool(true))]) }
    }

    @Test func sparkRejectedCombinationsAreReported() throws {
        let tooManyCPUs = try SparkConf([("spark.task.cpus", .int(4)), ("spark.executor.cores", .int(2))])
        #expect(tooManyCPUs.conflicts().map(\.keys.first) == ["spark.task.cpus"])
        let exclusion = try SparkConf([("spark.excludeOnFailure.enabled", .bool(true)),
                                       ("spark.task.maxFailures", .int(2))])
        #expect(exclusion.conflicts().map(\.keys.first)
            == ["spark.excludeOnFailure.task.maxTaskAttemptsPerNode"])
        let allocation = try SparkConf([("spark.dynamicAllocation.enabled", .bool(true)),
                                        ("spark.dynamicAllocation.minExecutors", .int(5)),
                                        ("spark.dynamicAllocation.maxExecutors", .int(2))])
        #expect(allocation.conflicts().count == 1)
        #expect(SparkConf().conflicts().isEmpty)
    }
}

@Suite struct NameSuggestionTests {
    @Test func closestNameWinsAndTiesGoToTheFirstCandidate() {
        #expect(NameSuggestion.closest(to: "tsks", among: ["name", "tasks"]) == "tasks")
        #expect(NameSuggestion.closest(to: "cat", among: ["bat", "hat"]) == "bat")
        #expect(NameSuggestion.closest(to: "zzzzzz", among: ["tasks"]) == nil)
        #expect(NameSuggestion.closest(to: "Tasks", among: ["tasks"]) == "tasks")
    }

    @Test func editDistanceCountsAdjacentSwapsAsOneEdit() {
        func d(_ a: String, _ b: String) -> Int {
            NameSuggestion.distance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(d("kitten", "sitting") == 3)
        #expect(d("", "abc") == 3)
        #expect(d("same", "same") == 0)
        #expect(d("rnig", "ring") == 1)
        #expect(NameSuggestion.closest(to: "rnig", among: ["ring", "tree"]) == "ring")
    }
}
