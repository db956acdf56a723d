import Testing
@testable import Report

/// The comparison of training variants: steady iteration time, time to the common target
/// and scaling efficiency, computed from typed iteration records.
@Suite struct TrainingComparisonTests {
    /// Iterations 0...`iterations` with a start-up of `startup` ns, then one iteration
    /// every `step` ns, objectives 1/(i+1).
    static func rows(startup: Int64, step: Int64, iterations: Int) -> [IterationRecord] {
        (0...iterations).map { i in
            IterationRecord(iteration: i, timeNanoseconds: i == 0 ? 0 : startup + Int64(i) * step,
                            objective: 1.0 / Double(i + 1))
        }
    }

    /// One variant of a comparison.
    static func variant(_ name: String, _ style: String, _ workers: Int, _ iterations: [IterationRecord])
        -> TrainingComparison.Variant
    {
        TrainingComparison.Variant(name: name, style: style, workers: workers, iterations: iterations)
    }

    @Test func efficiencyIsAgainstTheFewestWorkersOfTheSameStyle() throws {
        let comparison = try #require(TrainingComparison(variants: [
            Self.variant("tp-2", "task-parallel", 2, Self.rows(startup: 0, step: 100, iterations: 10)),
            Self.variant("tp-8", "task-parallel", 8, Self.rows(startup: 0, step: 50, iterations: 10)),
            Self.variant("b-2", "barrier-allreduce", 2, Self.rows(startup: 1_000, step: 80, iterations: 10)),
            Self.variant("b-8", "barrier-allreduce", 8, Self.rows(startup: 1_000, step: 20, iterations: 10)),
        ]))
        let byName = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.variant, $0) })
        #expect(byName["tp-2"]!.scalingEfficiency == 1)
        #expect(byName["tp-8"]!.scalingEfficiency == 0.5)  // 100*2 / (50*8)
        #expect(byName["b-8"]!.scalingEfficiency == 1)  // 80*2 / (20*8)
        #expect(byName["b-8"]!.steadyIterationNanoseconds == 20)
    }

    @Test func timeToTargetIsTheFirstIterationWithinOnePercentOfTheBestFinalObjective() throws {
        let comparison = try #require(TrainingComparison(variants: [
            Self.variant("a", "task-parallel", 4, Self.rows(startup: 0, step: 100, iterations: 10)),
            Self.variant("b", "barrier-allreduce", 4, Self.rows(startup: 500, step: 10, iterations: 10)),
        ]))
        // Best final objective 1/11; target 1/11 * 1.01 is first reached at iteration 10.
        #expect(comparison.rows.map(\.timeToTargetNanoseconds) == [1_000, 600])
        #expect(comparison.markdown.contains {
            $0.hasPrefix("- At 4 workers barrier-allreduce reaches objective ")
                && $0.contains("in 600 ns, task-parallel in 1 µs: **barrier-allreduce is 1.67x faster**; "
                    + "per steady iteration barrier-allreduce is 10.00x faster (10 ns vs 100 ns).")
        })
    }

    @Test func theVerdictNamesTheWinnerWhenOnlyOneReachesTheTarget() throws {
        // b stops after 3 iterations at objective 1/4; a reaches the target 1/11 * 1.01.
        let comparison = try #require(TrainingComparison(variants: [
            Self.variant("a", "task-parallel", 4, Self.rows(startup: 0, step: 100, iterations: 10)),
            Self.variant("b", "barrier-allreduce", 4, Self.rows(startup: 0, step: 10, iterations: 3)),
        ]))
        #expect(comparison.markdown.contains {
            $0.hasPrefix("- At 4 workers task-parallel reaches objective ")
                && $0.hasSuffix("in 1 µs, barrier-allreduce not within its 3 iterations: **task-parallel reaches "
                    + "the target, barrier-allreduce does not**; per steady iteration barrier-allreduce is 10.00x "
                    + "faster (10 ns vs 100 ns).")
        })
    }

    @Test func oneVariantIsNoComparison() {
        #expect(TrainingComparison(variants: [Self.variant("a", "task-parallel", 2, Self.rows(startup: 0, step: 1,
                                                                                      iterations: 3))]) == nil)
    }
}
