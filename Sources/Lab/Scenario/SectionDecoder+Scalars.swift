import Engine
import Sim

/// Typed scalars with their diagnostics. `what` names the key in messages (`tasks`,
/// `executor.cores`); every reader reports at the value's own position.
extension SectionDecoder {
    /// A non-empty scalar's text.
    func text(_ node: SourceNode, _ what: String, expected: String = "a string") -> String? {
        guard case .scalar(let text, _, _) = node, !node.isNull, !text.isEmpty else {
            let empty = node.isNull || node.scalarText == ""
            report(node.position, empty ? "\(what) has no value" : "\(what) is \(node.shapeName)",
                   expected: expected)
            return nil
        }
        return text
    }

    /// An id or name: non-empty, no spaces, and (when `dotless`) no `.`, which separates
    /// a job from a stage in references such as `job0.map`.
    func name(_ node: SourceNode, _ what: String, dotless: Bool = false) -> String? {
        let expected = dotless ? "a name without spaces or dots" : "a name without spaces"
        guard let text = text(node, what, expected: expected) else { return nil }
        if text.contains(where: { $0.isWhitespace }) || (dotless && text.contains(".")) {
            report(node.position, "\(what) '\(text)' contains \(text.contains(".") && dotless ? "a dot" : "a space")",
                   expected: expected)
            return nil
        }
        return text
    }

    func int(_ node: SourceNode, _ what: String, range: ClosedRange<Int>) -> Int? {
        let expected = range.upperBound == Int.max
            ? "a whole number of at least \(range.lowerBound)"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let text = text(node, what, expected: expected) else { return nil }
        guard let value = Int(text) else {
            let problem = Self.looksNumeric(text) && !text.contains(".") && !text.contains("e")
                ? "\(what): \(text) is too large" : "\(what): '\(text)' is not a whole number"
            report(node.position, problem, expected: expected)
            return nil
        }
        if value < range.lowerBound {
            report(node.position, "\(what): \(value) is below the minimum \(range.lowerBound)", expected: expected)
            return nil
        }
        if value > range.upperBound {
            report(node.position, "\(what): \(value) exceeds the limit \(range.upperBound)", expected: expected)
            return nil
        }
        return value
    }

    /// A seed: any 64-bit unsigned integer.
    func uint64(_ node: SourceNode, _ what: String) -> UInt64? {
        let expected = "a whole number from 0 to \(UInt64.max)"
        guard let text = text(node, what, expected: expected) else { return nil }
        guard let value = UInt64(text) else {
            report(node.position, "\(what): '\(text)' is not a whole number in range", expected: expected)
            return nil
        }
        return value
    }

    /// A finite real number satisfying `accept`, described by `expected`.
    func double(_ node: SourceNode, _ what: String, expected: String,
                         accept: (Double) -> Bool = { _ in true }) -> Double?
    {
        guard let text = text(node, what, expected: expected) else { return nil }
        guard Self.looksNumeric(text), let value = Double(text), value.isFinite else {
            report(node.position, "\(what): '\(text)' is not a number", expected: expected)
            return nil
        }
        guard accept(value) else {
            report(node.position, "\(what): \(text) is out of range", expected: expected)
            return nil
        }
        return value
    }

    func bool(_ node: SourceNode, _ what: String) -> Bool? {
        guard let text = text(node, what, expected: "true or false") else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            report(node.position, "\(what): '\(text)' is not true or false", expected: "true or false")
            return nil
        }
    }

    /// One of `choices`, exactly as spelt; a near miss gets a suggestion.
    func choice(_ node: SourceNode, _ what: String, _ choices: [String]) -> String? {
        let expected = "one of " + choices.joined(separator: ", ")
        guard let text = text(node, what, expected: expected) else { return nil }
        if choices.contains(text) { return text }
        let hint = Self.didYouMean(text, choices)
        report(node.position, "\(what): unknown value '\(text)'\(hint)", expected: expected)
        return nil
    }

    /// A duration; a bare number is seconds. At most `ScenarioLimits.maxDuration`.
    func duration(_ node: SourceNode, _ what: String, positive: Bool = false) -> SimDuration? {
        let expected = positive ? "a duration greater than 0, like 500ms, 3s or 2min"
            : "a duration like 250us, 500ms, 3s, 2min or 1h"
        guard let text = text(node, what, expected: expected) else { return nil }
        let value: SimDuration
        do {
            value = try DurationFormat.parse(text)
        } catch {
            report(node.position, error, prefix: "\(what): ")
            return nil
        }
        if value > ScenarioLimits.maxDuration {
            report(node.position, "\(what): \(text) is longer than the limit of 365 days",
                   expected: "a duration of at most 365d")
            return nil
        }
        if positive && value == .zero {
            report(node.position, "\(what): \(text) is zero", expected: expected)
            return nil
        }
        return value
    }

    /// An instant since the start of the run, written as a duration.
    func instant(_ node: SourceNode, _ what: String) -> SimInstant? {
        duration(node, what).map { SimInstant(nanosecondsSinceStart: $0.nanoseconds) }
    }

    /// A size (binary multiples; a bare number is bytes), at most `ScenarioLimits.maxBytes`.
    func size(_ node: SourceNode, _ what: String, positive: Bool = false) -> ByteCount? {
        let expected = "a size like 512b, 64KiB, 100MiB or 64g"
        guard let text = text(node, what, expected: expected) else { return nil }
        let value: ByteCount
        do {
            value = try ByteCount.parse(text)
        } catch {
            report(node.position, error, prefix: "\(what): ")
            return nil
        }
        if value > ScenarioLimits.maxBytes {
            report(node.position, "\(what): \(text) is larger than the limit of 1PiB",
                   expected: "a size of at most 1PiB")
            return nil
        }
        if positive && value.bytes == 0 {
            report(node.position, "\(what): \(text) is zero", expected: "a size greater than 0")
            return nil
        }
        return value
    }

    func bandwidth(_ node: SourceNode, _ what: String) -> Bandwidth? {
        let expected = "a bandwidth like 10Gbps, 100Mbps or 1.25GB/s"
        guard let text = text(node, what, expected: expected) else { return nil }
        do {
            return try Bandwidth.parse(text)
        } catch {
            report(node.position, error, prefix: "\(what): ")
            return nil
        }
    }

    func flopRate(_ node: SourceNode, _ what: String) -> FlopRate? {
        let expected = "a compute rate like 15.7TFLOPS or 900GFLOPS"
        guard let text = text(node, what, expected: expected) else { return nil }
        do {
            return try FlopRate.parse(text)
        } catch {
            report(node.position, error, prefix: "\(what): ")
            return nil
        }
    }

    /// Plain decimal notation, optionally signed, with an optional exponent: rejects the
    /// `nan`, `inf` and hexadecimal spellings that `Double.init` would accept.
    static func looksNumeric(_ text: String) -> Bool {
        let allowed = Set("0123456789+-.eE")
        return text.contains(where: \.isNumber) && text.allSatisfy { allowed.contains($0) }
    }
}
