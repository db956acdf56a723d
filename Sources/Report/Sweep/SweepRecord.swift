/// A sweep as Report needs it to write `sweep.csv`, `sweep.md` and the figures: the
/// scenario's description, the swept parameters, every run in merge order and the
/// curves' axis. Each run's own numbers come beside it as `SweepRunFigures`.
public struct SweepRecord: Sendable {
    public var scenario: ScenarioDescription
    /// In file order; the first varies slowest.
    public var parameters: [SweepParameter]
    /// Every run (point × seed) in plan order.
    public var runs: [SweepRunKey]
    /// The x axis of the curves; nil when no swept parameter is numeric.
    public var axis: SweepCurveAxis?

    public init(scenario: ScenarioDescription, parameters: [SweepParameter], runs: [SweepRunKey],
                axis: SweepCurveAxis?) {
        self.scenario = scenario
        self.parameters = parameters
        self.runs = runs
        self.axis = axis
    }

    /// The swept paths, in file order (the first columns of `sweep.csv`).
    public var parameterPaths: [String] { parameters.map(\.path) }
}

/// One swept path and its values as written in the scenario.
public struct SweepParameter: Sendable, Equatable {
    public var path: String
    public var values: [String]

    public init(path: String, values: [String]) {
        self.path = path
        self.values = values
    }
}

/// One run of a sweep: a grid point with one seed.
public struct SweepRunKey: Sendable, Equatable {
    /// `p000`, `p001`, ...
    public var pointID: String
    /// The point's position in the grid.
    public var pointIndex: Int
    public var seed: UInt64
    /// The point's value for each swept path, in file order.
    public var assignments: [SweepParameterValue]

    public init(pointID: String, pointIndex: Int, seed: UInt64, assignments: [SweepParameterValue]) {
        self.pointID = pointID
        self.pointIndex = pointIndex
        self.seed = seed
        self.assignments = assignments
    }
}

/// A swept path set to one of its values.
public struct SweepParameterValue: Sendable, Equatable {
    public var path: String
    public var value: String

    public init(path: String, value: String) {
        self.path = path
        self.value = value
    }
}

/// The x axis of a sweep's curves: a swept path whose values all read as numbers in one
/// unit (Lab reads them; it knows the scenario's unit syntax).
public struct SweepCurveAxis: Sendable, Equatable {
    public var path: String
    /// Each value of the parameter as a number in `quantity`'s unit (lookup only).
    public var numbers: [String: Double]
    public var quantity: PlotQuantity
    public var scale: PlotAxis.Scale

    public init(path: String, numbers: [String: Double], quantity: PlotQuantity, scale: PlotAxis.Scale) {
        self.path = path
        self.numbers = numbers
        self.quantity = quantity
        self.scale = scale
    }

    /// The axis title: what the path means and the path, with its unit added by the chart.
    var title: String { SweepAxisMeaning.title(for: path) }
}
