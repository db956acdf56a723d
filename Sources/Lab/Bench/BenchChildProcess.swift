import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One benchmark point in a child process: its standard output, how it ended, and its
/// peak resident set as the kernel accounted it.
///
/// Why `posix_spawn` and `wait4` rather than Foundation's `Process`: `Process` reaps its
/// children itself and keeps their resource usage; `wait4` returns the child's own
/// `ru_maxrss`, so each point's peak memory is that point's alone (`getrusage` of all
/// children would give the largest so far, and `/proc/<pid>` is gone once it exits).
/// The child's standard error goes to ours, so its messages are seen as they come.
public struct BenchChildProcess: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var output: String
        /// The exit status, or nil when a signal ended the child (then `signal` says which).
        public var status: Int32?
        public var signal: Int32?
        /// `ru_maxrss`: KiB on Linux.
        public var peakResidentKiB: Int

        public var succeeded: Bool { status == 0 }

        public var failure: String? {
            if let signal { return "killed by signal \(signal)" }
            if let status, status != 0 { return "exit status \(status)" }
            return nil
        }
    }

    public var executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// Runs `executable arguments...` to its end (standard input empty).
    public func run(_ arguments: [String]) throws -> Outcome {
        var pipe: [Int32] = [-1, -1]
        guard Glibc.pipe(&pipe) == 0 else { throw BenchChildError("cannot create a pipe: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw BenchChildError("cannot start \(executable): error \(spawned)")
        }
        let output = Self.readAll(pipe[0])
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchChildError("wait4 failed: errno \(errno)") }
        }
        // The wait status as <sys/wait.h>'s macros read it: low 7 bits a signal, else exited.
        let signal = status & 0x7F
        return Outcome(output: output, status: signal == 0 ? (status >> 8) & 0xFF : nil,
                       signal: signal == 0 ? nil : signal, peakResidentKiB: Int(usage.ru_maxrss))
    }

    static func readAll(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why a child could not be run or did not report.
public struct BenchChildError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
