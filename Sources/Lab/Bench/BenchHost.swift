import Foundation
import Report

/// The machine a benchmark runs on, as `results/bench/` records it: processor, memory,
/// load averages, toolchain and the time. Read from Linux's `/proc`; "unknown" elsewhere.
public enum BenchHost {
    /// `AMD EPYC 7B13, 2 processors`.
    public static var processor: String {
        let model = procLine("/proc/cpuinfo", prefix: "model name")
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        return "\(model ?? "unknown CPU"), \(ProcessInfo.processInfo.activeProcessorCount) processors (nproc)"
    }

    /// `23.4 GiB of memory`.
    public static var memory: String {
        let kib = procLine("/proc/meminfo", prefix: "MemTotal:")
            .flatMap { $0.split(separator: " ").compactMap { Int($0) }.first }
        return kib.map { "\(NumberFormat.fixed(Double($0) / 1_048_576, decimals: 1)) GiB of memory" } ?? "memory unknown"
    }

    /// `/proc/loadavg`'s 1, 5 and 15-minute averages, `1.99 1.42 1.82`.
    public static var loadAverages: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        let fields = text.split(separator: " ").prefix(3)
        return fields.count == 3 ? fields.joined(separator: " ") : "unknown"
    }

    /// The 1-minute load average.
    public static var loadAverage: Double? {
        loadAverages.split(separator: " ").first.flatMap { Double($0) }
    }

    /// Now, in UTC to the minute: `2026-12-06T14:05Z`.
    public static var utcMinute: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm'Z'"
        return formatter.string(from: Date())
    }

    /// `swift --version`'s first line, or "unknown toolchain" when `swift` is not on `PATH`.
    public static var toolchain: String {
        let outcome = try? BenchChildProcess(executable: "/usr/bin/env").run(["swift", "--version"])
        let line = outcome.flatMap { $0.succeeded ? $0.output.split(separator: "\n").first : nil }
        return line.map(String.init) ?? "unknown toolchain"
    }

    static func procLine(_ path: String, prefix: String) -> String? {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
    }
}
