import Report
import Sim

/// The x axis of a sweep's curves: the first swept parameter whose values all read as
/// numbers, plainly or in one kind of unit (durations, sizes, bandwidths), in scenario
/// syntax. A grid over `spark.scheduler.mode: [FIFO, FAIR]` has no such axis and is shown
/// as a table only.
struct SweepAxis: Equatable {
    /// The swept path, e.g. `workload.partitions`.
    var path: String
    /// Position in the sweep's parameters.
    var parameterIndex: Int
    /// Each value of the parameter (in its order) as a number in `quantity`'s unit.
    var numbers: [String: Double]
    var quantity: PlotQuantity
    /// Log2 when every value is positive and they span at least a factor of 8 (worker
    /// counts 2…256): equal steps for each doubling; log10 when consecutive values are a
    /// decade or more apart.
    var scale: PlotAxis.Scale

    init?(_ sweep: Scenario.Sweep) {
        for (index, parameter) in sweep.parameters.enumerated() {
            guard parameter.values.count >= 2, let (numbers, quantity) = Self.read(parameter.values) else { continue }
            path = parameter.path
            parameterIndex = index
            self.numbers = Dictionary(uniqueKeysWithValues: zip(parameter.values, numbers))
            self.quantity = quantity
            let positive = numbers.allSatisfy { $0 > 0 }
            let sorted = numbers.sorted()
            // Decades apart (model widths 1e3 ... 1e7): a log10 axis with decade ticks;
            // doublings (worker counts 2 ... 256): log2.
            let decades = positive && zip(sorted, sorted.dropFirst()).allSatisfy { $1 / $0 >= 10 }
            scale = !positive || sorted.last! / sorted.first! < 8 ? .linear : decades ? .log10 : .log2
            return
        }
        return nil
    }

    /// The axis as Report draws it.
    var curveAxis: SweepCurveAxis { SweepCurveAxis(path: path, numbers: numbers, quantity: quantity, scale: scale) }

    /// All values as one kind of number, or nil.
    static func read(_ values: [String]) -> ([Double], PlotQuantity)? {
        let plain = values.compactMap(Double.init)
        if plain.count == values.count, plain.allSatisfy(\.isFinite) { return (plain, .plain(unit: nil)) }
        let durations = values.compactMap { try? DurationFormat.parse($0) }
        if durations.count == values.count {
            return (durations.map { Double($0.nanoseconds) }, .durationNanoseconds)
        }
        let sizes = values.compactMap { try? ByteCount.parse($0) }
        if sizes.count == values.count { return (sizes.map { Double($0.bytes) }, .bytes) }
        let rates = values.compactMap { try? Bandwidth.parse($0) }
        if rates.count == values.count {
            return (rates.map { Double($0.bitsPerSecond) / 1e9 }, .plain(unit: "Gbit/s"))
        }
        return nil
    }
}
