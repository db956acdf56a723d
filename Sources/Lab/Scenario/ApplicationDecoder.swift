import Sim

/// `kind: application`: the phases of one Spark application, each a workload mapping of
/// any other kind (each becomes Spark jobs of the one application).
struct ApplicationDecoder: SectionDecoder {
    let sink: DecodingSink

    /// The kinds a phase may have: every kind but `application` (they do not nest).
    static let phaseKinds = ["scripted", "logistic-regression", "kmeans", "gbt", "deep-learning", "collective"]

    func decodeApplication(_ f: Fields, ctx: WorkloadContext) -> Scenario.ApplicationWorkload? {
        let expected = "a list of workload mappings, each with kind: " + Self.phaseKinds.joined(separator: " | ")
        guard let node = required(f, "phases", expected: expected),
              let items = list(node, "phases", expected: expected) else { return nil }
        if items.isEmpty {
            report(node.position, "phases is an empty list", expected: expected)
            return nil
        }
        var phases: [Scenario.Workload] = []
        var jobOwners: [String: Int] = [:]
        var benchmark: Int?
        var failed = false
        for (index, item) in items.enumerated() {
            let context = "phase \(index)"
            guard let phase = WorkloadDecoder(sink: sink).decodeWorkload(item, context: context, extraKeys: [],
                                                                          ctx: ctx) else {
                failed = true
                continue
            }
            guard Self.phaseKinds.contains(phase.kind) else {
                report(item.position, "\(context) is kind \(phase.kind) (applications do not nest)",
                       expected: "a phase of kind " + Self.phaseKinds.joined(separator: ", "))
                failed = true
                continue
            }
            if phase.kind == "deep-learning" {
                if let first = benchmark {
                    report(item.position, "\(context) is a second deep-learning phase (phase \(first) is one)",
                           expected: "at most one deep-learning phase: its scaling.csv and steps.csv are the run's")
                    failed = true
                    continue
                }
                benchmark = index
            }
            if case .scripted(let scripted) = phase {
                for job in scripted.jobs {
                    if let other = jobOwners[job.name] {
                        report(item.position, "job '\(job.name)' of \(context) is already a job of phase \(other)",
                               expected: "job names unique across the application's phases")
                        failed = true
                    }
                    jobOwners[job.name] = index
                }
            }
            phases.append(phase)
        }
        return failed ? nil : Scenario.ApplicationWorkload(phases: phases)
    }
}
