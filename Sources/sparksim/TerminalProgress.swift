import Foundation

/// done/total, items per second and time left, redrawn in place on standard error when
/// it is a terminal (and not `--quiet`); nothing at all otherwise, so logs and pipes get
/// only the command's own output. Shared by `sweep`, `check` and `swarm`, whose workers
/// report from several threads.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Int
    private let unit: String
    let enabled: Bool
    private let started = Date()
    private var done = 0
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(total: Int, unit: String, enabled: Bool) {
        self.total = total
        self.unit = unit
        self.enabled = enabled
    }

    /// Whether progress should be shown: a terminal on standard error, and not `--quiet`.
    static func wanted(quiet: Bool) -> Bool { !quiet && isatty(STDERR_FILENO) == 1 }

    /// One more item done.
    func advance(note: String = "") {
        lock.withLock {
            done += 1
            draw(note: note)
        }
    }

    /// `done` of `total` items done (a caller that counts for itself).
    func update(done: Int, total: Int, note: String = "") {
        lock.withLock {
            self.done = done
            self.total = total
            draw(note: note)
        }
    }

    private func draw(note: String) {
        guard enabled, Date().timeIntervalSince(lastDrawn) > 0.2 || done == total else { return }
        lastDrawn = Date()
        let elapsed = Date().timeIntervalSince(started)
        let rate = Double(done) / max(elapsed, 1e-3)
        let left = done < total && rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r%d/%d %@  %.1f/s  %@ left", done, total, unit, rate, Self.duration(left))
            + (note.isEmpty ? "" : "  " + note) + "\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Erases the line, before the command writes to the terminal itself.
    func clear() {
        lock.withLock {
            guard enabled, drawn else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            drawn = false
            lastDrawn = .distantPast
        }
    }

    /// The work is over: the line is kept and ended.
    func finish() {
        lock.withLock {
            if enabled && drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
        }
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
