import Foundation

/// Independent pieces of output computed on up to two threads at once: a run's trace.csv,
/// tasks.csv and figures take seconds for a million-event run, and none reads another.
/// Each piece is a pure function of immutable input, so its text is the same whichever
/// thread makes it and whenever; the results come back in the order of `parts`. Parts
/// start in their order: put the longest first.
public enum ParallelParts {
    public static func compute<Value: Sendable>(_ parts: [@Sendable () -> Value]) -> [Value] {
        let slots = Slots<Value>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            slots.set(index, parts[index]())
        }
        return slots.values
    }
}

/// One value per index, each written once by the thread that computed it; read after
/// `concurrentPerform` returns (which orders the writes before the read).
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        precondition(storage[index] == nil, "ParallelParts: part \(index) computed twice")
        storage[index] = value
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0! }
    }
}
