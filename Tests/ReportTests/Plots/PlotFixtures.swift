import Report

/// Small fixed inputs for the plot and timeline tests: one per chart kind, shaped like
/// what Lab will hand over (a scaling sweep, loss curves, iteration costs, a trace
/// with retries, speculation, a barrier stage and a fault, link accounting).
enum PlotFixtures {
    static let workers = [1.0, 2, 4, 8, 16, 32, 64]

    /// Throughput against workers for two variants, with 95% bands.
    static var throughputSeries: [LineSeries] {
        let barrier = workers.map { n in
            let y = 410 * n * (1 - 0.004 * n)
            return LinePoint(x: n, y: y, lower: y * 0.96, upper: y * 1.04)
        }
        let mllib = workers.map { n in
            let y = 380 * n / (1 + 0.03 * n)
            return LinePoint(x: n, y: y, lower: y * 0.93, upper: y * 1.07)
        }
        return [LineSeries(name: "barrier + ring allreduce", points: barrier),
                LineSeries(name: "MLlib treeAggregate", points: mllib)]
    }

    static var scalingChart: LineChart {
        LineChart.scaling(title: "Throughput vs workers", subtitle: "logistic regression, 5 seeds per point",
                          metric: "throughput", quantity: .count(unit: "samples/s"), series: throughputSeries,
                          bandLabel: "95% CI over seeds")
    }

    static var efficiencyChart: LineChart {
        let series = throughputSeries.map { line in
            LineSeries(name: line.name, points: line.points.map { LinePoint(x: $0.x, y: $0.y / (line.points[0].y * $0.x)) })
        }
        return LineChart.scaling(title: "Scaling efficiency", metric: "efficiency", quantity: .fraction, series: series)
    }

    /// Loss against simulated time for three variants (x in nanoseconds).
    static var lossChart: LineChart {
        let variants: [(String, Double, Int64)] = [("barrier-gpu", 0.12, 350_000_000), ("mllib-cpu", 0.2, 900_000_000),
                                                   ("arrow-exchange", 0.15, 500_000_000)]
        let series = variants.map { name, floor, step in
            LineSeries(name: name, points: (0..<25).map { i in
                LinePoint(x: Double(Int64(i) * step), y: floor + 0.55 * decay(i))
            })
        }
        return LineChart.loss(title: "Training loss vs simulated time", series: series)
    }

    /// `0.8^i` by repeated multiplication (no `pow`, so no C library in the fixture).
    static func decay(_ steps: Int) -> Double { (0..<steps).reduce(1.0) { value, _ in value * 0.8 } }

    static var breakdownChart: StackedBarChart {
        let rows = [
            IterationTimeBreakdown(label: "barrier-gpu", computeNanoseconds: 210_000_000,
                                   communicationNanoseconds: 95_000_000, schedulingNanoseconds: 12_000_000,
                                   driverNanoseconds: 8_000_000, idleNanoseconds: 25_000_000),
            IterationTimeBreakdown(label: "mllib-cpu", computeNanoseconds: 640_000_000,
                                   communicationNanoseconds: 130_000_000, schedulingNanoseconds: 85_000_000,
                                   driverNanoseconds: 110_000_000, idleNanoseconds: 60_000_000),
            IterationTimeBreakdown(label: "arrow-exchange", computeNanoseconds: 300_000_000,
                                   communicationNanoseconds: 70_000_000, schedulingNanoseconds: 15_000_000,
                                   driverNanoseconds: 9_000_000, idleNanoseconds: 0),
        ]
        return StackedBarChart.timeBreakdown(title: "Where an iteration's time goes", category: "variant", bars: rows)
    }

    static var perIterationChart: StackedBarChart {
        let rows = (0..<40).map { (i: Int) -> IterationTimeBreakdown in
            let step = Int64(i)
            let compute: Int64 = 200_000_000 + (step % 7) * 9_000_000
            let communication: Int64 = 80_000_000 + (step % 3) * 20_000_000
            let scheduling: Int64 = i == 17 ? 900_000_000 : 10_000_000
            return IterationTimeBreakdown(label: String(i), computeNanoseconds: compute,
                                          communicationNanoseconds: communication, schedulingNanoseconds: scheduling,
                                          driverNanoseconds: 5_000_000, idleNanoseconds: (step % 5) * 4_000_000)
        }
        return StackedBarChart.timeBreakdown(title: "Time per iteration (barrier-gpu)",
                                             subtitle: "iteration 17 waited for a lost executor's replacement",
                                             category: "iteration", bars: rows)
    }

    /// A small run: two hosts, three executors with two cores each; a map stage with a
    /// failed attempt and its retry, a speculative copy killed when the original won,
    /// then a barrier stage with two syncs, a fault that loses executor 3, and the
    /// barrier stage's retry.
    static var traceRows: [TraceRow] {
        var rows: [TraceRow] = []
        func add(_ ms: Int64, _ event: TraceEvent, stage: String? = nil, attempt: Int? = nil, partition: Int? = nil,
                 task: Int? = nil, executor: String? = nil, host: String? = nil, locality: String? = nil,
                 speculative: Bool = false, gpus: [String] = [], sync: BarrierSyncRecord? = nil, note: String? = nil) {
            rows.append(TraceRow(timeNanoseconds: ms * 1_000_000, event: event, job: stage == nil && executor != nil ? nil : "train",
                                 stage: stage, stageAttempt: attempt, partition: partition, taskAttempt: task,
                                 executor: executor, host: host, locality: locality, speculative: speculative, gpus: gpus, sync: sync, note: note))
        }
        for (executor, host) in [("1", "host-a"), ("2", "host-a"), ("3", "host-b")] {
            add(0, .executorAdded, executor: executor, host: host)
        }
        add(5, .jobSubmitted)
        add(5, .stageSubmitted, stage: "load", attempt: 0)
        for partition in 0..<6 {
            let executor = String(partition % 3 + 1)
            add(10 + Int64(partition), .taskLaunched, stage: "load", attempt: 0, partition: partition, task: 0,
                executor: executor, host: executor == "3" ? "host-b" : "host-a", locality: "NODE_LOCAL")
        }
        add(400, .taskFinished, stage: "load", attempt: 0, partition: 0, task: 0, executor: "1", host: "host-a")
        add(420, .taskFailed, stage: "load", attempt: 0, partition: 1, task: 0, executor: "2", host: "host-a",
            note: "exception")
        add(430, .taskLaunched, stage: "load", attempt: 0, partition: 1, task: 1, executor: "1", host: "host-a",
            locality: "PROCESS_LOCAL")
        add(450, .taskFinished, stage: "load", attempt: 0, partition: 2, task: 0, executor: "3", host: "host-b")
        add(460, .taskFinished, stage: "load", attempt: 0, partition: 3, task: 0, executor: "1", host: "host-a")
        add(470, .taskFinished, stage: "load", attempt: 0, partition: 4, task: 0, executor: "2", host: "host-a")
        add(600, .taskLaunched, stage: "load", attempt: 0, partition: 5, task: 1, executor: "2", host: "host-a",
            locality: "ANY", speculative: true)
        add(700, .taskFinished, stage: "load", attempt: 0, partition: 5, task: 0, executor: "3", host: "host-b")
        add(700, .taskKilled, stage: "load", attempt: 0, partition: 5, task: 1, executor: "2", host: "host-a",
            note: "another attempt succeeded")
        add(820, .taskFinished, stage: "load", attempt: 0, partition: 1, task: 1, executor: "1", host: "host-a")
        add(820, .stageCompleted, stage: "load", attempt: 0)
        add(830, .stageSubmitted, stage: "train-barrier", attempt: 0)
        for partition in 0..<3 {
            let executor = String(partition + 1)
            add(840, .taskLaunched, stage: "train-barrier", attempt: 0, partition: partition, task: 0,
                executor: executor, host: executor == "3" ? "host-b" : "host-a", locality: "PROCESS_LOCAL",
                gpus: ["0"])
        }
        add(1100, .barrierSync, stage: "train-barrier", attempt: 0, sync: .init(call: "barrier", epoch: 0))
        add(1350, .barrierSync, stage: "train-barrier", attempt: 0, sync: .init(call: "allGather", epoch: 1))
        add(1500, .fault, executor: "3", host: "host-b", note: "executor-loss executor=3")
        add(1500, .executorLost, executor: "3", host: "host-b", note: "fault")
        add(1500, .taskFailed, stage: "train-barrier", attempt: 0, partition: 2, task: 0, executor: "3",
            host: "host-b", note: "executor-lost")
        for partition in 0..<2 {
            add(1500, .taskKilled, stage: "train-barrier", attempt: 0, partition: partition, task: 0,
                executor: String(partition + 1), host: "host-a", note: "barrier-stage-failed")
        }
        add(1500, .stageFailed, stage: "train-barrier", attempt: 0, note: "barrier task failed")
        add(1600, .executorAdded, executor: "4", host: "host-b")
        add(1610, .stageSubmitted, stage: "train-barrier", attempt: 1)
        for partition in 0..<3 {
            let executor = ["1", "2", "4"][partition]
            add(1620, .taskLaunched, stage: "train-barrier", attempt: 1, partition: partition, task: 0,
                executor: executor, host: executor == "4" ? "host-b" : "host-a", locality: "PROCESS_LOCAL",
                gpus: ["0"])
        }
        add(1900, .barrierSync, stage: "train-barrier", attempt: 1, sync: .init(call: "barrier", epoch: 0))
        for partition in 0..<3 {
            let executor = ["1", "2", "4"][partition]
            add(2150 + Int64(partition) * 10, .taskFinished, stage: "train-barrier", attempt: 1,
                partition: partition, task: 0, executor: executor, host: executor == "4" ? "host-b" : "host-a")
        }
        add(2180, .stageCompleted, stage: "train-barrier", attempt: 1)
        add(2180, .jobSucceeded)
        return rows
    }

    static var ganttChart: GanttChart {
        GanttChart(title: "Tasks per executor", subtitle: "demo run, seed 7", rows: traceRows)
    }

    static var linkChart: LinkUtilisationChart {
        var samples: [LinkUtilisationSample] = []
        let levels: [(String, [Double])] = [
            ("host-a NIC", [0.2, 0.9, 1.0, 0.4, 0.0, 0.95, 0.6]),
            ("host-b NIC", [0.1, 0.5, 0.5, 0.8, 0.3, 0.3, 0.1]),
            ("rack-1 uplink", [0.05, 0.3, 0.65, 0.65, 0.2, 0.45, 0.3]),
        ]
        for (link, values) in levels {
            for (index, value) in values.enumerated() where !(link == "host-b NIC" && index == 4) {
                let start = Int64(index) * 250_000_000
                samples.append(LinkUtilisationSample(link: link, startNanoseconds: start,
                                                     endNanoseconds: start + 250_000_000, utilisation: value))
            }
        }
        return LinkUtilisationChart(title: "Link utilisation", subtitle: "ring allreduce, 8 ranks", samples: samples)
    }

    /// Labels an attacker (or an unlucky scenario author) could write.
    static let hostile = "</text></svg><script>alert('x')</script> & \"quoted\" \u{01}bell"
}
