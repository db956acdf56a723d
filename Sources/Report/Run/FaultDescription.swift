/// One fault of the scenario as the report names it and finds it in a variant's trace.
///
/// Why matched against the trace rather than counted: with `compare:` every variant gets
/// the same faults at the same instants, but a variant that finished earlier never sees a
/// late one, and a comparison is only fair if the reader knows which faults hit which
/// variant.
public struct FaultDescription: Sendable, Equatable {
    public enum Match: Sendable, Equatable {
        /// A cluster fault at an instant: a `fault` row at `at` whose detail starts with
        /// `kind subject`.
        case instant(subject: String, atNanoseconds: Int64)
        /// A task-level fault: a `task-failed` row of this task attempt.
        case task(job: String?, stage: String, stageAttempt: Int, partition: Int, attempt: Int)
        /// A random process: every `fault` row whose detail names `marker`.
        case random(marker: String)
        /// Nothing in the trace says whether it acted.
        case untraced
    }

    /// `kind:` as written.
    public var kind: String
    /// `executor-lost exec0-1-0 at 3 s`: what a reader recognises from the file.
    public var label: String
    public var match: Match
    /// The scenario's `note:`: why the fault is there (an intended failure says so).
    public var note: String?

    public init(kind: String, label: String, match: Match) {
        self.kind = kind
        self.label = label
        self.match = match
    }

    /// How many times it acted in `trace` (at most 1 except for random processes); nil
    /// when the trace cannot tell.
    func timesActed(in trace: [TraceRow]) -> Int? {
        switch match {
        case .instant(let subject, let at):
            let prefix = "\(kind) \(subject)"
            return trace.contains {
                $0.event == .fault && $0.timeNanoseconds == at && ($0.detail ?? "").hasPrefix(prefix)
            } ? 1 : 0
        case .task(let job, let stage, let stageAttempt, let partition, let attempt):
            return trace.contains {
                $0.event == .taskFailed && $0.stage == stage && (job == nil || $0.job == job)
                    && ($0.stageAttempt ?? 0) == stageAttempt && $0.partition == partition && $0.taskAttempt == attempt
            } ? 1 : 0
        case .random(let marker):
            return trace.filter { $0.event == .fault && ($0.detail ?? "").contains(marker) }.count
        case .untraced:
            return nil
        }
    }
}

/// The `## Faults` section: each fault of the scenario and, per variant, whether it acted;
/// a fault that acted on some variants only is called out, since their comparison then
/// rests on different failures.
struct FaultsSection {
    let scenario: ScenarioDescription
    let runs: [RunRecord]

    var lines: [String] {
        let faults = scenario.faultDetails
        guard !faults.isEmpty else { return [] }
        let names = zip(scenario.variants, runs).map { $0.0.name.isEmpty ? "acted on" : "`\($0.0.name)`" }
        var lines = ["## Faults", "", "| fault | " + names.joined(separator: " | ") + " |",
                     "| --- |" + String(repeating: " --- |", count: runs.count)]
        var uneven: [String] = []
        for fault in faults {
            var cells: [String] = []
            var acted: [Bool] = []
            for run in runs {
                if run.faultKindsNotSimulated.contains(fault.kind) {
                    cells.append("no (needs the engine)")
                    acted.append(false)
                    continue
                }
                switch fault.timesActed(in: run.trace) {
                case nil:
                    cells.append("yes")
                    acted.append(true)
                case 0?:
                    cells.append(notActed(fault, run))
                    acted.append(false)
                case let n?:
                    cells.append(fault.match.isRandom ? "\(n) time(s)" : "yes")
                    acted.append(true)
                }
            }
            if runs.count > 1 && acted.contains(true) && acted.contains(false) { uneven.append(fault.label) }
            lines.append("| \(fault.label) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        let notes = faults.filter { $0.note != nil }
        if !notes.isEmpty {
            lines += ["Why each fault is there (the scenario's notes):", ""]
                + notes.map { "- `\($0.label)`: \($0.note!.trimmingSpaces)" } + [""]
        }
        if runs.count > 1 {
            lines.append("Fault records in the traces: " + zip(scenario.variants, runs)
                .map { "`\($0.0.name)` \($0.1.faultsApplied)" }.joined(separator: ", ") + ".")
        } else {
            lines.append("Fault records in the trace: \(runs[0].faultsApplied).")
        }
        lines.append("")
        if !uneven.isEmpty {
            lines += ["**Not every variant met the same faults**: " + uneven.map { "`\($0)`" }.joined(separator: ", ")
                      + " acted on some variants only, so their comparison rests on different failures.", ""]
        }
        return lines
    }

    /// Why a fault left no trace in a run: it came after the run's last event, or it
    /// found nothing to act on.
    private func notActed(_ fault: FaultDescription, _ run: RunRecord) -> String {
        if case .instant(_, let at) = fault.match, at > run.endNanoseconds {
            return "no (run over at \(HumanUnits.duration(nanoseconds: run.endNanoseconds)))"
        }
        return "no"
    }
}

extension FaultDescription.Match {
    var isRandom: Bool {
        if case .random = self { return true }
        return false
    }
}
