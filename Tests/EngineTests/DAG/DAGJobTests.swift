import Testing
@testable import Engine

/// Jobs, stages and task sets without failures (DAGSchedulerSuite: "run trivial job",
/// "run trivial shuffle", "[SPARK-13902] Ensure no duplicate stages are created", "simple
/// map stage submission", "shuffle fetch failure in a reused shuffle dependency").
@Suite struct DAGJobTests: DAGFixtures {
    @Test func aOneStageJobRunsOneTaskPerPartitionAndSucceedsWhenAllResultsArrive() {
        var h = DAGHarness()
        let job = h.submit(JobSpec(name: "count", stages: [stage("only", job: "count", partitions: 3)]))
        #expect(h.taskSets.count == 1)
        let taskSet = h.taskSets[0]
        #expect(taskSet.stage == attempt(stage: 0, 0))
        #expect(partitions(taskSet) == [0, 1, 2])
        #expect(taskSet.tasks.allSatisfy { !$0.isShuffleMap && $0.preferredLocations.isEmpty })
        #expect(taskSet.jobID == job && taskSet.jobName == "count" && taskSet.stageName == "only")
        #expect(taskSet.pool == "default" && !taskSet.isBarrier)
        h.complete(taskSet, task: 0, .success(nil))
        h.complete(taskSet, task: 0, .success(nil))  // a speculative twin: counted once
        h.complete(taskSet, task: 1, .success(nil))
        #expect(h.endedJobs.isEmpty)
        h.complete(taskSet, task: 2, .success(nil))
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.kills.map(\.reason) == ["Stage finished"])
        #expect(h.dag.hasNoJobState)
    }

    @Test func aShuffleJobRunsTheMapStageThenTheResultStageAndTracesEachStep() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 1))
        #expect(stageIDs(h.taskSets) == [0])
        #expect(h.taskSets[0].tasks.allSatisfy { $0.isShuffleMap })
        h.completeMapStage(h.taskSets[0], reducers: 1)
        #expect(h.outputHosts("job0.map", maps: 2) == ["hostA", "hostB"])
        #expect(stageIDs(h.taskSets) == [0, 1])
        h.completeResultStage(h.taskSets[1])
        let rows = h.traces.map { "\($0.kind.rawValue) \($0.job ?? "") \($0.stage ?? "") \($0.stageAttempt ?? -1)" }
        #expect(rows == [
            "job-submitted job0  -1", "stage-submitted job0 map 0", "stage-completed job0 map 0",
            "stage-submitted job0 reduce 0", "stage-completed job0 reduce 0", "job-succeeded job0  -1",
        ])
        #expect(h.dag.hasNoJobState)
    }

    @Test func stagesAreNumberedParentsFirstAndAMapStageNeededTwiceIsCreatedOnce() {
        // A <- B, {A, B} <- C, C <- D (SPARK-13902).
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("A", partitions: 1), stage("B", partitions: 1, parents: ["job0.A"]),
            stage("C", partitions: 1, parents: ["job0.A", "job0.B"]), stage("D", partitions: 1, parents: ["job0.C"]),
        ]))
        #expect(h.dag.mapStage(forKey: "job0.A") == StageID(0))
        #expect(h.dag.mapStage(forKey: "job0.B") == StageID(1))
        #expect(h.dag.mapStage(forKey: "job0.C") == StageID(2))
        #expect(h.dag.waitingStageIDs == [StageID(1), StageID(2), StageID(3)])
        for index in 0..<3 { h.completeMapStage(h.taskSets[index], reducers: 1) }
        #expect(stageIDs(h.taskSets) == [0, 1, 2, 3])
        h.completeResultStage(h.taskSets[3])
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func aJobSubmittedAfterItsParentCompletedSkipsItUnderANewStageIdThatRetriesAsAttemptOne() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.completeResultStage(h.taskSets[1])
        #expect(h.dag.hasNoJobState)
        // A second job over the same shuffle: its map stage (id 2) is skipped.
        h.submit(JobSpec(name: "job1", stages: [
            stage("map", job: "job0", partitions: 2),
            stage("reduce2", job: "job1", partitions: 2, parents: ["job0.map"]),
        ]))
        #expect(h.taskSets.count == 3)
        #expect(h.taskSets[2].stage == attempt(stage: 3, 0))
        #expect(h.traces(.stageSubmitted).count == 3)
        // Its fetch failure makes the skipped stage run, as attempt 1.
        h.complete(h.taskSets[2], [fetchFailed("job0.map", map: 0, from: "hostA"),
                                   fetchFailed("job0.map", map: 0, from: "hostA")])
        h.advance(byMilliseconds: 200)
        #expect(h.taskSets[3].stage == attempt(stage: 2, 1))
        #expect(partitions(h.taskSets[3]) == [0])
        h.completeMapStage(h.taskSets[3], reducers: 2)
        #expect(h.taskSets[4].stage == attempt(stage: 3, 1))
        h.completeResultStage(h.taskSets[4])
        #expect(h.endedJobs.map(\.succeeded) == [true, true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func twoRunningJobsShareOneMapStageAndTheLaterOneWaitsForIt() {
        var h = DAGHarness()
        h.submit(shuffleJob("job0"))
        h.submit(JobSpec(name: "job1", stages: [
            stage("map", job: "job0", partitions: 2), stage("other", job: "job1", partitions: 1, parents: ["job0.map"]),
        ]))
        #expect(h.taskSets.count == 1)
        h.completeMapStage(h.taskSets[0], reducers: 2)
        #expect(stageIDs(h.taskSets) == [0, 1, 2])
        #expect(h.taskSets[2].jobID == JobID(1))
        h.completeResultStage(h.taskSets[2])
        h.completeResultStage(h.taskSets[1])
        #expect(h.endedJobs.map(\.id) == [JobID(1), JobID(0)])
        #expect(h.dag.hasNoJobState)
    }

    @Test func aMapStageJobSucceedsWhenItsOutputsExistAndAtOnceWhenTheyAlreadyDo() {
        var h = DAGHarness()
        let mapOnly = JobSpec(name: "job0", stages: [stage("map", partitions: 2)])
        h.submitMapStage(mapOnly)
        h.completeMapStage(h.taskSets[0], reducers: 1)
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
        // A reduce job runs its result tasks directly; a second map-stage job runs nothing.
        h.submit(JobSpec(name: "job1", stages: [
            stage("map", job: "job0", partitions: 2),
            stage("reduce", job: "job1", partitions: 1, parents: ["job0.map"]),
        ]))
        #expect(stageIDs(h.taskSets) == [0, 2])
        h.completeResultStage(h.taskSets[1])
        h.submitMapStage(mapOnly)
        #expect(h.taskSets.count == 2)
        #expect(h.endedJobs.map(\.succeeded) == [true, true, true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func theTaskSetCarriesTheJobsPoolAndTheStagesResources() {
        var h = DAGHarness()
        let spec = StageSpec(key: "j.train", name: "train", jobName: "j", partitions: 2, isBarrier: true,
                             resources: TaskResourceRequest(cpus: 2, gpus: 1), resourceProfile: 3)
        h.submit(JobSpec(name: "j", pool: "production", stages: [spec]))
        let taskSet = h.taskSets[0]
        #expect(taskSet.pool == "production" && taskSet.isBarrier && taskSet.resourceProfile == 3)
        #expect(taskSet.resources == TaskResourceRequest(cpus: 2, gpus: 1))
    }
}
