import Sim

/// Every `workload.kind` a scenario may name, with what it runs and writes: the one list
/// the decoder accepts and `sparksim run --help` prints, so the two cannot disagree.
public enum WorkloadKindCatalog {
    public struct Entry: Sendable {
        /// The value of `kind:`.
        public var kind: String
        /// What the kind runs and the files it adds to a run folder, in one sentence.
        public var summary: String
    }

    public static let entries: [Entry] = [
        Entry(kind: "scripted",
              summary: "jobs of stages and tasks (shuffles, barrier stages, GPUs, preferred hosts) on Spark's "
                  + "scheduler over the simulated cluster"),
        Entry(kind: "collective",
              summary: "an allreduce ("
                  + CollectiveAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
                  + ") on the simulated network; writes collective.csv and links.csv"),
        Entry(kind: "logistic-regression",
              summary: "real L-BFGS or gradient-descent training, task-parallel (MLlib, treeAggregate) or "
                  + "barrier + allreduce (Hydrogen); writes iterations.csv and iteration_costs.csv"),
        Entry(kind: "deep-learning",
              summary: "Horovod data-parallel training of a model profile (ResNet-50, VGG-16, ...) on GPU "
                  + "workers; writes throughput and scaling efficiency against GPUs"),
        Entry(kind: "kmeans", summary: "real K-means training in either style, like logistic-regression"),
        Entry(kind: "gbt",
              summary: "real histogram gradient-boosted trees in either style (MLlib GBT or XGBoost / LightGBM "
                  + "on Spark)"),
        Entry(kind: "application",
              summary: "phases of the kinds above (ETL, training, collectives, deep learning) one after "
                  + "another in one Spark application on one cluster"),
    ]

    public static var kinds: [String] { entries.map(\.kind) }

    /// The catalog as help text: `kind: summary`, wrapped at `width` columns with the
    /// summary's continuation lines indented under it.
    public static func helpText(width: Int = 78) -> String {
        entries.map { entry in
            var lines: [String] = []
            var line = "  \(entry.kind):"
            for word in (entry.summary + ".").split(separator: " ") {
                if line.count + 1 + word.count > width {
                    lines.append(line)
                    line = "      " + word
                } else {
                    line += " " + word
                }
            }
            return (lines + [line]).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
