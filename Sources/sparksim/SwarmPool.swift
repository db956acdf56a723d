import Foundation
import Lab

/// What the swarm learnt of one seed.
struct SeedOutcome {
    /// The worker's result line; nil when the worker died on the seed.
    var line: SwarmWorkerLine?
    /// How the worker died on it (a trap, a signal, a hang).
    var crash: String?
    /// Set when a second process gave other bytes.
    var crossProcessDifference: String?
}

/// Runs seeds in batches on `workers` child processes at a time. A child that dies costs
/// the seed it was on (a crash); the rest of its batch goes back in the queue.
final class SwarmPool: @unchecked Sendable {
    let workers: Int
    let silenceLimit: TimeInterval
    /// Seeds per child: large enough to amortise a process start, small enough to balance.
    static let batch = 25

    private let lock = NSLock()
    private var queue: [(from: UInt64, count: Int)] = []
    private var outcomes: [UInt64: SeedOutcome] = [:]

    init(workers: Int, silenceLimit: TimeInterval) {
        self.workers = workers
        self.silenceLimit = silenceLimit
    }

    /// Every seed of `from..<from+count`, each once (every `twiceEvery`-th twice in-process).
    func run(from: UInt64, count: Int, twiceEvery: Int, progress: TerminalProgress) -> [UInt64: SeedOutcome] {
        var batches: [(UInt64, Int)] = []
        var next = from
        let end = from + UInt64(count)
        while next < end {
            let size = Int(min(UInt64(Self.batch), end - next))
            batches.append((next, size))
            next += UInt64(size)
        }
        return drain(batches, extra: ["--twice-every", String(twiceEvery)], progress: progress)
    }

    /// The given seeds again, each in a fresh batch of fresh processes.
    func rerun(_ seeds: [UInt64], progress: TerminalProgress) -> [UInt64: SeedOutcome] {
        drain(seeds.map { ($0, 1) }, extra: [], progress: nil)
    }

    private func drain(_ batches: [(UInt64, Int)], extra: [String], progress: TerminalProgress?) -> [UInt64: SeedOutcome] {
        lock.lock()
        queue = batches.reversed().map { (from: $0.0, count: $0.1) }
        outcomes = [:]
        lock.unlock()
        // One thread per worker process (not `concurrentPerform`, which caps its width at
        // the processor count): `--jobs` children run at once, whatever the machine.
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread { [self] in
                while let batch = take() { runBatch(batch, extra: extra, progress: progress) }
                group.leave()
            }
        }
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return outcomes
    }

    private func take() -> (from: UInt64, count: Int)? {
        lock.lock()
        defer { lock.unlock() }
        return queue.popLast()
    }

    private func runBatch(_ batch: (from: UInt64, count: Int), extra: [String], progress: TerminalProgress?) {
        var current: UInt64?
        var finished: Set<UInt64> = []
        let outcome = SwarmChild.run(["--from", String(batch.from), "--seeds", String(batch.count)] + extra,
                                     silenceLimit: silenceLimit) { line in
            switch line {
            case .start(let seed): current = seed
            case .result(let seed, _, _, _, _, _):
                current = nil
                finished.insert(seed)
                self.record(seed, SeedOutcome(line: line))
                progress?.advance()
            }
        }
        guard let failure = outcome.failure else { return }
        // The seed it died on: the one started without a result, else the first never
        // started (a child that could not start at all costs one seed per try, so the
        // swarm still ends).
        let end = batch.from + UInt64(batch.count)
        guard let crashed = current ?? (batch.from..<end).first(where: { !finished.contains($0) }) else { return }
        record(crashed, SeedOutcome(line: nil, crash: failure))
        progress?.advance()
        if crashed + 1 < end {
            lock.lock()
            queue.append((crashed + 1, Int(end - crashed - 1)))
            lock.unlock()
        }
    }

    private func record(_ seed: UInt64, _ outcome: SeedOutcome) {
        lock.lock()
        outcomes[seed] = outcome
        lock.unlock()
    }
}
