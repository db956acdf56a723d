extension SwarmScenario {
    /// The contract features this scenario uses, named as the swarm's coverage table
    /// lists them (what the run then reached is `SwarmRunResult.reached`).
    public var features: [String] {
        var features: [String] = []
        func note(_ condition: Bool, _ name: String) { if condition { features.append(name) } }
        switch cluster {
        case .explicit(let executors):
            features.append("cluster: explicit executors")
            note(Set(executors.map(\.rack)).count > 1, "several racks")
            note(executors.contains { $0.gpus > 0 }, "GPUs")
            note(executors.contains { $0.profile != nil }, "executor resource profile")
        case .generated(let racks, _, _, _, let gpus):
            features.append("cluster: generated racks")
            note(racks > 1, "several racks")
            note(gpus > 0, "GPUs")
        case .master(let url):
            features.append(url.hasPrefix("local-cluster") ? "master: local-cluster" : "master: local")
        }
        note(network != nil, "network")
        note(network?.rackUplink != nil, "oversubscribed rack uplinks")
        note(physicalCores != nil, "physical cores")
        let keys = Dictionary(spark.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        note(keys["spark.scheduler.mode"] == "FAIR", "FAIR scheduling")
        note(!pools.isEmpty, "FAIR pools")
        note(keys["spark.speculation"] == "true", "speculation")
        note(keys["spark.excludeOnFailure.enabled"] == "true", "exclusion")
        note(keys["spark.shuffle.service.enabled"] == "true", "external shuffle service")
        note(profiles.contains { $0.name == "share" }, "task-only resource profile")
        let stages = jobs.flatMap(\.stages)
        note(jobs.contains { job in job.stages.contains { $0.parents.contains { $0.contains(".") } } },
             "stage shared with an earlier job")
        note(jobs.contains(where: \.mapStage), "map-stage job")
        note(jobs.contains { $0.after != nil }, "job submitted after another")
        note(stages.contains { $0.parents.count > 1 }, "stage with two parents")
        note(stages.contains { $0.outputKiB.count > 1 }, "skewed shuffle output")
        note(stages.contains(where: \.barrier), "barrier stage")
        note(stages.contains { !$0.syncs.isEmpty }, "barrier syncs")
        note(stages.contains { $0.syncs.contains { $0.call == "allGather" } }, "allGather")
        note(stages.contains { !$0.partitionSyncs.isEmpty }, "per-partition syncs")
        note(stages.contains { ($0.resources?.gpuHundredths ?? 0) % 100 != 0 }
             || keys["spark.task.resource.gpu.amount"].map { $0.hasPrefix("0.") } == true, "fractional GPU amount")
        note(stages.contains { $0.preferredHosts != nil }, "preferred hosts")
        note(stages.contains(where: \.python), "Python stage")
        note(stages.contains { $0.cpuFraction != nil }, "CPU fraction")
        for kind in Fault.kinds { note(faults.contains { $0.kind == kind }, "fault: \(kind)") }
        let instants = faults.compactMap(\.instantMs)
        note(Set(instants).count < instants.count, "several faults at one instant")
        return features
    }
}
