import Foundation
import Lab

/// One `sparksim swarm-worker` child process: its protocol lines as they arrive, and how
/// it ended. A child silent for longer than `silenceLimit` is killed (a hang).
///
/// Why a process per batch: a seed that traps (an engine precondition) or loops must cost
/// the swarm that seed, reported as a crash with the child's last words, not the whole
/// run; everything the child reported before it died is kept.
struct SwarmChild {
    struct Outcome {
        var lines: [SwarmWorkerLine]
        /// nil when the child exited with status 0.
        var failure: String?
    }

    static let executable: String = {
        let link = "/proc/self/exe"
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: link) { return resolved }
        return CommandLine.arguments[0]
    }()

    /// Runs the worker with `arguments`, calling `onLine` for each line as it arrives.
    static func run(_ arguments: [String], silenceLimit: TimeInterval,
                    onLine: (SwarmWorkerLine) -> Void = { _ in }) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["swarm-worker"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        do {
            try process.run()
        } catch {
            return Outcome(lines: [], failure: "could not start \(executable): \(error)")
        }
        let stream = LineStream(output.fileHandleForReading)
        let errorTail = ErrorTail(errors.fileHandleForReading)
        var lines: [SwarmWorkerLine] = []
        var hung = false
        while true {
            switch stream.next(timeout: silenceLimit) {
            case .line(let text):
                if let line = SwarmWorkerLine(text[...]) {
                    lines.append(line)
                    onLine(line)
                }
                continue
            case .end: break
            case .silent:
                hung = true
                kill(process.processIdentifier, SIGKILL)
            }
            break
        }
        process.waitUntilExit()
        let tail = errorTail.finish()
        if hung { return Outcome(lines: lines, failure: "no progress for \(silenceLimit) s (killed)") }
        if process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 {
            let how = process.terminationReason == .uncaughtSignal
                ? "killed by signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
            let message = tail.split(separator: "\n").first { $0.contains("error") || $0.contains("Fatal") }
            return Outcome(lines: lines, failure: how + (message.map { ": " + $0 } ?? ""))
        }
        return Outcome(lines: lines, failure: nil)
    }
}

/// A pipe read on its own thread, line by line, with a timeout on each wait.
private final class LineStream: @unchecked Sendable {
    enum Next { case line(String), end, silent }

    private let lock = NSCondition()
    private var pending: [String] = []
    private var ended = false

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                lock.lock()
                if chunk.isEmpty {
                    if !buffer.isEmpty { pending.append(String(decoding: buffer, as: UTF8.self)) }
                    ended = true
                    lock.broadcast()
                    lock.unlock()
                    return
                }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    pending.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
                lock.broadcast()
                lock.unlock()
            }
        }
    }

    func next(timeout: TimeInterval) -> Next {
        lock.lock()
        defer { lock.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while pending.isEmpty && !ended {
            if !lock.wait(until: deadline) { return pending.isEmpty && !ended ? .silent : next(locked: ()) }
        }
        return next(locked: ())
    }

    private func next(locked: Void) -> Next {
        pending.isEmpty ? .end : .line(pending.removeFirst())
    }
}

/// The last few kilobytes a child wrote on standard error (its trap message).
private final class ErrorTail: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                text.append(chunk)
                if text.count > 16_384 { text = text.suffix(8_192) }
            }
            done.signal()
        }
    }

    func finish() -> String {
        done.wait()
        return String(decoding: text, as: UTF8.self)
    }
}
