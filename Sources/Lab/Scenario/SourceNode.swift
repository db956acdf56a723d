import Yams

/// A YAML node with its position, as a plain value.
///
/// The decoder walks this tree rather than Yams' `Node` so that sweep overrides can build
/// new nodes with positions of their own (Yams' `Mark` has no public initialiser) and so
/// that a parsed scenario can be kept and re-decoded across threads (`Sendable`).
indirect enum SourceNode: Sendable, Equatable {
    /// `text` is the scalar's content; `isPlain` is false for quoted and block scalars,
    /// which are never null.
    case scalar(text: String, isPlain: Bool, position: SourcePosition)
    case mapping([SourcePair], position: SourcePosition)
    case sequence([SourceNode], position: SourcePosition)

    var position: SourcePosition {
        switch self {
        case .scalar(_, _, let p), .mapping(_, let p), .sequence(_, let p): return p
        }
    }

    /// The scalar's text, or nil for a collection.
    var scalarText: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    /// An empty value (`key:`), `~` or `null`, as YAML's core schema reads a plain scalar.
    var isNull: Bool {
        guard case .scalar(let text, true, _) = self else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// "a mapping", "a list", "a scalar" for messages about the wrong shape.
    var shapeName: String {
        switch self {
        case .scalar: return isNull ? "empty" : "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// Converts Yams' tree, resolving aliases to the nodes they name.
    init(_ node: Node) {
        let position = node.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? .start
        switch node {
        case .scalar(let scalar):
            self = .scalar(text: scalar.string, isPlain: scalar.style == .plain, position: position)
        case .mapping(let mapping):
            self = .mapping(mapping.map { SourcePair(key: SourceNode($0.key), value: SourceNode($0.value)) },
                            position: position)
        case .sequence(let sequence):
            self = .sequence(sequence.map { SourceNode($0) }, position: position)
        case .alias:
            self = .scalar(text: "", isPlain: true, position: position)
        }
    }
}

/// One `key: value` entry of a mapping, in file order.
struct SourcePair: Sendable, Equatable {
    var key: SourceNode
    var value: SourceNode
}
