/// One cluster shape of a what-if (`sparksim replay --executors 1,2,4,...`): the
/// application's predicted time and how busy its cores were.
public struct WhatIfPoint: Equatable, Sendable {
    public let executors: Int
    public let coresPerExecutor: Int
    public let applicationNanoseconds: Int64
    /// Task time (launch to end, every attempt) over cores × application time.
    public let coreUtilisation: Double

    public init(executors: Int, coresPerExecutor: Int, applicationNanoseconds: Int64, coreUtilisation: Double) {
        self.executors = executors
        self.coresPerExecutor = coresPerExecutor
        self.applicationNanoseconds = applicationNanoseconds
        self.coreUtilisation = coreUtilisation
    }
}

/// The files of a what-if over executor counts, as Sparklens prints its estimate table:
/// `whatif.csv`, `whatif.md` and `whatif.svg`.
public enum WhatIfReport {
    public static func csv(_ points: [WhatIfPoint]) -> String {
        "executors,cores_per_executor,application_ns,core_utilisation\n" + points.map { point in
            "\(point.executors),\(point.coresPerExecutor),\(point.applicationNanoseconds),"
                + "\(fixed(point.coreUtilisation, places: 4))\n"
        }.joined()
    }

    public static func markdown(_ points: [WhatIfPoint], source: String, real: (executors: Int, nanoseconds: Int64)?) -> String {
        var text = "# What-if: \(source) on other cluster shapes\n\n"
        text += "The application re-created from its event log (each task's executorRunTime, the driver's "
            + "time between jobs, the control plane's costs) and run on each shape. Core utilisation is task "
            + "time over cores × application time.\n\n"
        if let real {
            text += "Real: \(seconds(real.nanoseconds)) on \(real.executors) executor(s).\n\n"
        }
        text += "| executors | cores each | application | core utilisation |\n| ---: | ---: | ---: | ---: |\n"
        for point in points {
            text += "| \(point.executors) | \(point.coresPerExecutor) | \(seconds(point.applicationNanoseconds)) | "
                + "\(fixed(point.coreUtilisation * 100, places: 1))% |\n"
        }
        return text + "\n![Application time against executors](whatif.svg)\n"
    }

    public static func svg(_ points: [WhatIfPoint], source: String) -> String {
        let series = LineSeries(name: "simulated", points: points.map {
            LinePoint(x: Double($0.executors), y: Double($0.applicationNanoseconds))
        })
        var chart = LineChart.scaling(title: "Application time", subtitle: source, workers: "executors",
                                      metric: "application time", quantity: .durationNanoseconds, series: [series])
        chart.useLog10WhenValuesSpanDecades()
        return chart.svg
    }

    private static func seconds(_ ns: Int64) -> String { NumberFormat.fixed(Double(ns) / 1e9, decimals: 2) + " s" }

    private static func fixed(_ value: Double, places: Int) -> String { NumberFormat.fixed(value, decimals: places) }
}
