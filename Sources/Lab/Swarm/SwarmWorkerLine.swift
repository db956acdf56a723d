import Foundation

/// One line of the swarm worker's protocol on its standard output: `start <seed>` before
/// a seed runs, then its result as tab-separated fields. The parent process reads these;
/// a `start` without its result means the worker died on that seed (a crash).
///
/// Why lines between processes: a seed that traps (a failed precondition in the engine)
/// or hangs must not take the swarm down with it, so each batch of seeds runs in a child
/// process, and what it found must survive the child's death up to the last seed it ended.
public enum SwarmWorkerLine: Equatable, Sendable {
    case start(seed: UInt64)
    case result(seed: UInt64, status: SwarmRunResult.Status, digest: UInt64, tasks: Int, reached: [String],
                findings: [String])

    public var text: String {
        switch self {
        case .start(let seed): return "start\t\(seed)"
        case .result(let seed, let status, let digest, let tasks, let reached, let findings):
            let escapedFindings = findings.prefix(5).map(Self.escape).joined(separator: "\u{1F}")
            return ["result", String(seed), status.rawValue, String(digest, radix: 16), String(tasks),
                    reached.joined(separator: "|"), escapedFindings].joined(separator: "\t")
        }
    }

    public init?(_ line: Substring) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        switch fields.first {
        case "start" where fields.count == 2:
            guard let seed = UInt64(fields[1]) else { return nil }
            self = .start(seed: seed)
        case "result" where fields.count == 7:
            guard let seed = UInt64(fields[1]), let status = SwarmRunResult.Status(rawValue: fields[2]),
                  let digest = UInt64(fields[3], radix: 16), let tasks = Int(fields[4]) else { return nil }
            self = .result(seed: seed, status: status, digest: digest, tasks: tasks,
                           reached: fields[5].isEmpty ? [] : fields[5].split(separator: "|").map(String.init),
                           findings: fields[6].isEmpty ? []
                               : fields[6].split(separator: "\u{1F}").map { Self.unescape(String($0)) })
        default:
            return nil
        }
    }

    public init(seed: UInt64, _ result: SwarmRunResult) {
        self = .result(seed: seed, status: result.status, digest: result.digest, tasks: result.tasksLaunched,
                       reached: result.reached, findings: result.findings)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\t", with: "\\t")
    }

    private static func unescape(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                out.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
