/// How far one deep-learning point's training had got over time: the instant every rank
/// had ended each step, and each restart's fall back to the checkpoint it resumed from.
/// Recorded for runs that met faults, where a straight line would hide what they cost.
public struct DeepLearningProgress: Sendable, Equatable {
    public struct Mark: Sendable, Equatable {
        public var timeNanoseconds: Int64
        /// The last step every rank had ended (after a restart: the checkpoint's step).
        public var step: Int

        public init(timeNanoseconds: Int64, step: Int) {
            self.timeNanoseconds = timeNanoseconds
            self.step = step
        }
    }

    public var model: String
    public var gpus: Int
    public var marks: [Mark]

    public init(model: String, gpus: Int, marks: [Mark]) {
        self.model = model
        self.gpus = gpus
        self.marks = marks
    }
}

extension TrainingFigures {
    /// `progress.svg`: steps reached against simulated time, one line per point, drawn as
    /// steps (a step is reached when its last rank ends it); a restart drops the line to
    /// the checkpoint it resumed from, and a slow stretch flattens it.
    static func progressFigure(_ progress: [DeepLearningProgress], name: String, files: inout [ReportFile]) -> [String] {
        guard !progress.isEmpty else { return [] }
        let series = progress.map { point in
            LineSeries(name: "\(point.model), \(point.gpus) GPU\(point.gpus == 1 ? "" : "s")",
                       points: [LinePoint(x: 0, y: 0)]
                           + point.marks.map { LinePoint(x: Double($0.timeNanoseconds), y: Double($0.step)) })
        }
        var chart = LineChart(title: "Training progress", subtitle: "\(name): the steps every GPU had ended",
                              xTitle: "simulated time", xQuantity: .durationNanoseconds, yTitle: "steps reached",
                              yQuantity: .plain(unit: nil), series: series, showsMarkers: false)
        chart.steps = true
        files.append(ReportFile("progress.svg", chart.svg))
        return ["![Training progress](progress.svg)", "",
                "Steps every GPU had ended against simulated time, per model and GPU count: a slow host or link "
                    + "flattens the line, a restart drops it back to the checkpoint it resumed from (the steps "
                    + "after it are run again).", ""]
    }
}
