/// A deep-learning scaling benchmark as it ran: what was assumed (each quantity spelled
/// by its unit) and each model's throughput at every GPU count.
public struct DeepLearningRecord: Sendable, Equatable {
    public var setup: DeepLearningSetup
    /// Models in the scenario's order, GPU counts ascending within a model.
    public var points: [DeepLearningPoint]
    /// The published results the scenario re-creates, when it names them.
    public var published: PublishedEfficiencies?
    /// Each point's progress over time, when faults acted on the run (empty otherwise).
    public var progress: [DeepLearningProgress] = []
    /// Points whose training did not finish (no row in the tables), each said in a line.
    public var failures: [String] = []

    public init(setup: DeepLearningSetup, points: [DeepLearningPoint], published: PublishedEfficiencies? = nil) {
        self.setup = setup
        self.points = points
        self.published = published
    }

    static let scalingColumns = ["model", "gpus", "throughput_samples_per_s", "scaling_efficiency"]
    static let stepColumns = ["model", "gpus", "step_ns", "compute_ns", "backward_end_ns", "allreduces",
                              "allreduce_ns", "exposed_communication_ns", "update_ns"]

    /// `scaling.csv`: throughput and efficiency per model and GPU count.
    public var scalingCSV: String {
        var table = CSVTable(columns: Self.scalingColumns)
        for point in points {
            table.append([point.model, String(point.gpus), NumberFormat.fixed(point.throughput, decimals: 2),
                          NumberFormat.fixed(point.efficiency, decimals: 4)])
        }
        return table.text
    }

    /// `steps.csv`: where one step's time goes, per model and GPU count.
    public var stepsCSV: String {
        var table = CSVTable(columns: Self.stepColumns)
        for point in points {
            table.append([point.model, String(point.gpus), String(point.stepNanoseconds),
                          String(point.computeNanoseconds), String(point.backwardEndNanoseconds),
                          String(point.allreduces), String(point.allreduceNanoseconds),
                          String(point.exposedCommunicationNanoseconds), String(point.updateNanoseconds)])
        }
        return table.text
    }
}

/// The benchmark's assumptions, as the scenario set them.
public struct DeepLearningSetup: Sendable, Equatable {
    public var batchSize: Int
    /// Nil when the cluster names no GPU.
    public var gpuModel: String?
    /// The GPU's peak rate, nil when not given; only read when the cluster has a `gpu:`.
    public var gpuFlops: String?
    public var clusterHasGPU: Bool
    public var efficiency: String
    public var winograd: Bool
    public var precision: String
    public var fusionThreshold: String
    public var cycleTime: String
    public var allreduce: String
    public var overlap: Bool
    public var ncclStepLatency: String
    public var ncclLaunchLatency: String
    public var ncclGoodput: String
    public var controlMessageCost: String

    public init(batchSize: Int, gpuModel: String?, gpuFlops: String?, clusterHasGPU: Bool, efficiency: String,
                winograd: Bool, precision: String, fusionThreshold: String, cycleTime: String, allreduce: String,
                overlap: Bool, ncclStepLatency: String, ncclLaunchLatency: String, ncclGoodput: String,
                controlMessageCost: String) {
        self.batchSize = batchSize
        self.gpuModel = gpuModel
        self.gpuFlops = gpuFlops
        self.clusterHasGPU = clusterHasGPU
        self.efficiency = efficiency
        self.winograd = winograd
        self.precision = precision
        self.fusionThreshold = fusionThreshold
        self.cycleTime = cycleTime
        self.allreduce = allreduce
        self.overlap = overlap
        self.ncclStepLatency = ncclStepLatency
        self.ncclLaunchLatency = ncclLaunchLatency
        self.ncclGoodput = ncclGoodput
        self.controlMessageCost = controlMessageCost
    }
}

/// One model at one GPU count: throughput, efficiency against one GPU, and one step's parts.
public struct DeepLearningPoint: Sendable, Equatable {
    public var model: String
    public var gpus: Int
    public var throughput: Double
    public var efficiency: Double
    public var stepNanoseconds: Int64
    public var computeNanoseconds: Int64
    public var backwardEndNanoseconds: Int64
    /// Fused allreduce buffers per step.
    public var allreduces: Int
    public var allreduceNanoseconds: Int64
    public var updateNanoseconds: Int64
    /// Times the barrier stage was restarted, and steps run again after a restart.
    public var restarts = 0
    public var redoneSteps = 0

    public init(model: String, gpus: Int, throughput: Double, efficiency: Double, stepNanoseconds: Int64,
                computeNanoseconds: Int64, backwardEndNanoseconds: Int64, allreduces: Int,
                allreduceNanoseconds: Int64, updateNanoseconds: Int64) {
        self.model = model
        self.gpus = gpus
        self.throughput = throughput
        self.efficiency = efficiency
        self.stepNanoseconds = stepNanoseconds
        self.computeNanoseconds = computeNanoseconds
        self.backwardEndNanoseconds = backwardEndNanoseconds
        self.allreduces = allreduces
        self.allreduceNanoseconds = allreduceNanoseconds
        self.updateNanoseconds = updateNanoseconds
    }

    /// Communication the step waits for: what is left after the slowest GPU's backward
    /// pass and the update.
    public var exposedCommunicationNanoseconds: Int64 { stepNanoseconds - updateNanoseconds - backwardEndNanoseconds }
}

/// The `report.md` section of a deep-learning run: what was assumed, and the scaling of
/// each model at every GPU count, so a reader can check the inputs next to the results.
enum DeepLearningReport {
    static func lines(_ record: DeepLearningRecord) -> [String] {
        let setup = record.setup
        var lines = ["## Data-parallel training (Horovod-style)", ""]
        let gpu = setup.clusterHasGPU ? "\(setup.gpuModel ?? "GPU") at \(setup.gpuFlops ?? "?")" : "GPU"
        lines += [
            "Per GPU: batch \(setup.batchSize), \(gpu) x efficiency \(setup.efficiency) on executed FLOPs"
                + (setup.winograd ? " (3x3 stride-1 convolutions as Winograd F(4x4,3x3))" : "")
                + "; \(setup.precision) gradients, fusion threshold \(setup.fusionThreshold),"
                + " cycle time \(setup.cycleTime), \(setup.allreduce) allreduce,"
                + " overlap \(setup.overlap ? "on" : "off").",
            "",
            "NCCL and Horovod on the wire: \(setup.ncclStepLatency) per inter-node ring step,"
                + " \(setup.ncclLaunchLatency) per collective, \(setup.ncclGoodput) of the link rate as payload;"
                + " \(setup.controlMessageCost) per control message at rank 0 (2(p-1) in, p-1 out per fused buffer"
                + " and p-1 to close each cycle).",
            "",
            "Per step (means over the steps after `warmup`): compute is one GPU's forward and backward",
            "as planned; slowest backward is when the last GPU ended its backward pass (its variation,",
            "a slow host); exposed communication is what the step then still waited for.",
            "",
        ]
        let restarted = record.points.contains { $0.restarts > 0 }
        lines.append("| model | GPUs | samples/s | scaling efficiency | step | compute | slowest backward | allreduces | "
            + "exposed communication |" + (restarted ? " restarts | steps redone |" : ""))
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + (restarted ? " ---: | ---: |" : ""))
        for point in record.points {
            lines.append("| \(point.model) | \(point.gpus) | \(NumberFormat.fixed(point.throughput, decimals: 1)) | "
                + "\(NumberFormat.percent(point.efficiency, decimals: 1)) | \(ms(point.stepNanoseconds)) | "
                + "\(ms(point.computeNanoseconds)) | \(ms(point.backwardEndNanoseconds)) | \(point.allreduces) | "
                + "\(ms(point.exposedCommunicationNanoseconds)) |"
                + (restarted ? " \(point.restarts) | \(point.redoneSteps) |" : ""))
        }
        lines.append("")
        if !record.failures.isEmpty {
            lines += ["Points that did not finish (no throughput, left out of the tables and figures):", ""]
                + record.failures.map { "- " + $0 } + [""]
        }
        return lines + publishedLines(record)
    }

    /// Simulated against published efficiency at each published point, in points.
    static func publishedLines(_ record: DeepLearningRecord) -> [String] {
        guard let published = record.published, !published.points.isEmpty else { return [] }
        var lines = ["Against the published results (\(published.source)):", "",
                     "| model | GPUs | published | simulated | difference |", "| --- | ---: | ---: | ---: | ---: |"]
        var worst = 0.0
        for reference in published.points {
            guard let point = record.points.first(where: { $0.model == reference.model && $0.gpus == reference.gpus })
            else {
                lines.append("| \(reference.model) | \(reference.gpus) | "
                    + "\(NumberFormat.percent(reference.efficiency, decimals: 1)) | not run | |")
                continue
            }
            let difference = (point.efficiency - reference.efficiency) * 100
            worst = max(worst, abs(difference))
            lines.append("| \(reference.model) | \(reference.gpus) | \(NumberFormat.percent(reference.efficiency, decimals: 1)) | "
                + "\(NumberFormat.percent(point.efficiency, decimals: 1)) | "
                + "\(difference >= 0 ? "+" : "")\(NumberFormat.fixed(difference, decimals: 1)) points |")
        }
        return lines + ["", "Largest difference: \(NumberFormat.fixed(worst, decimals: 1)) points.", ""]
    }

    private static func ms(_ nanoseconds: Int64) -> String {
        NumberFormat.fixed(Double(nanoseconds) / 1e6, decimals: 1) + " ms"
    }
}

/// Published scaling efficiencies (a paper's or a project's benchmark page) that a
/// deep-learning scenario re-creates: drawn as hollow markers on `efficiency.svg` and
/// compared in the report.
public struct PublishedEfficiencies: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var model: String
        public var gpus: Int
        public var efficiency: Double

        public init(model: String, gpus: Int, efficiency: Double) {
            self.model = model
            self.gpus = gpus
            self.efficiency = efficiency
        }
    }

    public var source: String
    public var points: [Point]

    public init(source: String, points: [Point]) {
        self.source = source
        self.points = points
    }
}
