/// The machine and build a scaling suite ran on, as the caller found them.
public struct BenchMachine: Sendable, Equatable {
    /// `AMD EPYC 7B13, 2 cores`.
    public var processor: String
    public var memory: String
    /// `swift --version`'s first line.
    public var toolchain: String
    /// `sparksim 0.x (release build)`.
    public var build: String
    /// The suite's command line.
    public var command: String
    /// `/proc/loadavg`'s three averages at the start and at the end of the suite.
    public var loadAtStart: String
    public var loadAtEnd: String

    public init(processor: String, memory: String, toolchain: String, build: String, command: String,
                loadAtStart: String, loadAtEnd: String)
    {
        self.processor = processor
        self.memory = memory
        self.toolchain = toolchain
        self.build = build
        self.command = command
        self.loadAtStart = loadAtStart
        self.loadAtEnd = loadAtEnd
    }
}

/// What one case measures, in a sentence, for the report's section on it.
public struct ScalingCaseNote: Sendable, Equatable {
    public var caseName: String
    public var text: String

    public init(caseName: String, text: String) {
        self.caseName = caseName
        self.text = text
    }
}

/// `results/bench/scaling/scaling.md`: the machine, then per case its figure and a table
/// of every point, then how each series' cost per unit grew from its smallest point to its
/// largest.
public enum ScalingReport {
    public static func markdown(_ points: [ScalingPoint], machine: BenchMachine, notes: [ScalingCaseNote]) -> String {
        var lines = [
            "# Scaling suite: sparksim's own machinery as the work grows", "",
            "- machine: \(machine.processor), \(machine.memory)",
            "- toolchain: \(machine.toolchain); \(machine.build)",
            "- command: `\(machine.command)`",
            "- load average (1, 5, 15 min): \(machine.loadAtStart) at the start, \(machine.loadAtEnd) at the end; "
                + "the 1-minute figure before each point is in its row",
            "- these lines describe the last invocation; a case it did not run (`--cases`) keeps the points of its "
                + "CSV file, with their own dates and loads",
            "- each point ran in a child process of its own (its command is in the CSV file): the wall time is "
                + "measured inside it around the measured call only, the peak memory is the child's peak resident "
                + "set (`wait4`'s `ru_maxrss`), so it is this point's alone",
            "- the simulated work is deterministic; the wall time is not: on a shared machine, compare points "
                + "measured together, and read single points as upper bounds",
            "",
        ]
        for caseName in ScalingCharts.orderedUnique(points.map(\.caseName)) {
            lines += section(caseName, points.filter { $0.caseName == caseName },
                             note: notes.first { $0.caseName == caseName }?.text)
        }
        lines += overview(points)
        return lines.joined(separator: "\n") + "\n"
    }

    static func section(_ caseName: String, _ points: [ScalingPoint], note: String?) -> [String] {
        let dates = points.map(\.measuredUTC).sorted()
        let when = dates.first == dates.last ? dates.first ?? "" : "\(dates.first ?? "") to \(dates.last ?? "")"
        let unit = points.first?.unitName ?? "unit"
        // The units column only where it says more than the size (events of a PHOLD, flows of a shuffle).
        let showUnits = points.contains { $0.units != $0.size }
        var lines = ["## \(caseName)", ""]
        if let note { lines += [note, ""] }
        lines += [
            "Measured \(when); data in [\(caseName).csv](\(caseName).csv).", "",
            "![\(caseName): wall time and time per \(unit) against size](\(caseName).svg)", "",
            "| series | \(points.first?.sizeName ?? "size") |" + (showUnits ? " \(unit)s |" : "")
                + " wall | per \(unit) | \(unit)s/s | peak RSS | simulated | load (1 min) | command |",
            "| --- | ---: |" + (showUnits ? " ---: |" : "") + " ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for point in points {
            let measurable = point.wallSeconds > 0
            var cells = [point.series, NumberFormat.integer(point.size, groupingSeparator: ",")]
            if showUnits { cells.append(NumberFormat.integer(point.units, groupingSeparator: ",")) }
            cells += [
                measurable ? seconds(point.wallSeconds) : "< 1 ms",
                measurable ? HumanUnits.duration(nanoseconds: Int64(point.nanosecondsPerUnit.rounded())) : "",
                measurable ? PlotQuantity.compact(point.unitsPerSecond) : "", "\(point.peakResidentMiB) MiB",
                point.simulatedSeconds.map(seconds) ?? "", point.loadAverage.map { NumberFormat.fixed($0, decimals: 2) } ?? "",
                "`\(point.command)`",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines + [""]
    }

    /// Per series: its smallest and largest point's cost per unit, and their ratio.
    static func overview(_ points: [ScalingPoint]) -> [String] {
        var lines = [
            "## Cost per unit, smallest to largest point", "",
            "![Cost per unit of work as the work grows](scaling.svg)", "",
            "| case | series | sizes | per unit at the smallest | at the largest | ratio | size ratio |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for caseName in ScalingCharts.orderedUnique(points.map(\.caseName)) {
            let mine = points.filter { $0.caseName == caseName }
            for name in ScalingCharts.seriesNames(mine) {
                let curve = mine.filter { $0.series == name }.sorted { $0.size < $1.size }
                guard let first = curve.first, let last = curve.last else { continue }
                // 100k and 1M in short, 1024 whole (not 1.02k).
                let sizes = curve.map { $0.size % 1_000 == 0 ? PlotQuantity.compact(Double($0.size)) : String($0.size) }
                    .joined(separator: ", ")
                let ratio = first.nanosecondsPerUnit > 0 ? last.nanosecondsPerUnit / first.nanosecondsPerUnit : .nan
                lines.append("| \(caseName) | \(name) | \(sizes) \(first.sizeName) | "
                    + "\(HumanUnits.duration(nanoseconds: Int64(first.nanosecondsPerUnit.rounded()))) | "
                    + "\(HumanUnits.duration(nanoseconds: Int64(last.nanosecondsPerUnit.rounded()))) | "
                    + "\(NumberFormat.fixed(ratio, decimals: 2))x | "
                    + "\(NumberFormat.integer(last.size / max(first.size, 1)))x |")
            }
        }
        return lines + [""]
    }

    /// `15.4 s`, `850 ms`: three significant digits.
    static func seconds(_ value: Double) -> String {
        HumanUnits.duration(nanoseconds: Int64((value * 1e9).rounded()))
    }
}

/// Every file of a scaling folder, made from the points: per case `<case>.csv` and
/// `<case>.svg`, then `scaling.svg` and `scaling.md`.
public enum ScalingFiles {
    public static func files(_ points: [ScalingPoint], machine: BenchMachine, notes: [ScalingCaseNote])
        -> [(name: String, contents: String)]
    {
        var files: [(name: String, contents: String)] = []
        for caseName in ScalingCharts.orderedUnique(points.map(\.caseName)) {
            let mine = points.filter { $0.caseName == caseName }
            files.append(("\(caseName).csv", ScalingCSV.text(mine)))
            files.append(("\(caseName).svg", ScalingCharts.caseSVG(mine, caseName: caseName)))
        }
        files.append(("scaling.svg", ScalingCharts.overviewSVG(points)))
        files.append(("scaling.md", ScalingReport.markdown(points, machine: machine, notes: notes)))
        return files
    }
}
