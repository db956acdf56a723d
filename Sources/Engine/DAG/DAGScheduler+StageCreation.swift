/// Stage creation in Spark's order, with the barrier checks each new stage must pass.
extension DAGScheduler {
    /// The job whose stages are being created.
    struct StageCreationContext {
        var job: PendingJob
        var jobID: JobID
    }

    /// `createResultStage`: the barrier checks run before any parent is created, then the
    /// parents (in `spec.parents` order), then the result stage takes the next id.
    mutating func createResultStage(_ context: StageCreationContext,
                                    _ maxConcurrentTasks: (StageSpec) -> Int) throws(StageCreationError) -> StageID {
        let spec = context.job.spec.resultStage
        let lineage = context.job.lineages[spec.key]
        try checkBarrierStage(spec, lineage: lineage, numTasks: lineage?.requestedPartitions ?? spec.partitions,
                              maxConcurrentTasks)
        var parents: [StageID] = []
        for key in spec.parents {
            parents.append(try getOrCreateShuffleMapStage(key, context, maxConcurrentTasks))
        }
        return newStage(.result, spec: spec, parents: parents, jobID: context.jobID)
    }

    /// `getOrCreateShuffleMapStage`: the live stage for the shuffle, or new stages for its
    /// missing ancestors (deepest first) and then for it.
    mutating func getOrCreateShuffleMapStage(_ key: String, _ context: StageCreationContext,
                                             _ maxConcurrentTasks: (StageSpec) -> Int)
        throws(StageCreationError) -> StageID
    {
        if let existing = shuffleToMapStage[key] { return existing }
        for ancestor in missingAncestorShuffles(of: key, job: context.job.spec)
        where shuffleToMapStage[ancestor] == nil {
            _ = try createShuffleMapStage(ancestor, context, maxConcurrentTasks)
        }
        return try createShuffleMapStage(key, context, maxConcurrentTasks)
    }

    /// `getMissingAncestorShuffleDependencies`: the ancestors of a map stage that have no
    /// live stage, each after its own ancestors. Spark finds them through a hash set of
    /// dependencies; for a chain the order is the same, and siblings come here in the
    /// order the job lists them.
    func missingAncestorShuffles(of key: String, job: JobSpec) -> [String] {
        var ordered: [String] = []
        var visited: Set<String> = []
        func visit(_ current: String) {
            for parent in mapStageSpec(current, job: job).parents
            where shuffleToMapStage[parent] == nil && visited.insert(parent).inserted {
                visit(parent)
                ordered.append(parent)
            }
        }
        visit(key)
        return ordered
    }

    /// `createShuffleMapStage`: checks, parents, the next id, and the shuffle registered
    /// with the tracker unless an earlier stage already wrote it (then its surviving
    /// outputs count, and the stage may be skipped).
    mutating func createShuffleMapStage(_ key: String, _ context: StageCreationContext,
                                        _ maxConcurrentTasks: (StageSpec) -> Int)
        throws(StageCreationError) -> StageID
    {
        let spec = mapStageSpec(key, job: context.job.spec)
        try checkBarrierStage(spec, lineage: context.job.lineages[key], numTasks: spec.partitions, maxConcurrentTasks)
        var parents: [StageID] = []
        for parent in spec.parents {
            parents.append(try getOrCreateShuffleMapStage(parent, context, maxConcurrentTasks))
        }
        let id = newStage(.shuffleMap, spec: spec, parents: parents, jobID: context.jobID)
        shuffleToMapStage[key] = id
        if !mapOutputTracker.containsShuffle(key) {
            mapOutputTracker.registerShuffle(key, numMaps: spec.partitions)
        }
        return id
    }

    /// The checks of a new stage, in Spark's order: dynamic allocation, free slots, RDD
    /// chain pattern (only barrier stages are checked).
    ///
    /// - Spark: `checkBarrierStageWithDynamicAllocation`, `checkBarrierStageWithNumSlots`,
    ///   `checkBarrierStageWithRDDChainPattern`.
    func checkBarrierStage(_ spec: StageSpec, lineage: StageLineage?, numTasks: Int,
                           _ maxConcurrentTasks: (StageSpec) -> Int) throws(StageCreationError) {
        if let lineage {
            precondition(lineage.isBarrierStage == spec.isBarrier && lineage.rdds[0].partitions == spec.partitions,
                         "DAGScheduler: the lineage of \(spec.key) disagrees with its StageSpec")
        }
        guard spec.isBarrier else { return }
        if dynamicAllocationEnabled { throw .refused(BarrierChecks.dynamicAllocationMessage) }
        if spec.partitions > maxConcurrentTasks(spec) { throw .notEnoughSlots }
        if lineage?.violatesBarrierChainPattern(numTasks: numTasks) == true {
            throw .refused(BarrierChecks.unsupportedRDDChainMessage)
        }
    }

    /// Registers a stage under the next id (`stageIdToStage`, `updateJobIdStageIdMaps`).
    private mutating func newStage(_ kind: DAGStage.Kind, spec: StageSpec, parents: [StageID],
                                   jobID: JobID) -> StageID {
        let id = StageID(nextStageID)
        nextStageID += 1
        stages[id] = DAGStage(id: id, kind: kind, spec: spec, parents: parents, firstJobID: jobID)
        updateJobIDStageIDMaps(jobID, id)
        return id
    }
}
