import Foundation
import Sim
import Testing
import TestSupport
import Yams
@testable import Lab

/// Structure-aware fuzzing of the scenario decoder (issue 15): every shipped scenario,
/// mutated in its YAML tree (values of every type put anywhere, keys deleted, duplicated
/// and invented, lists emptied and grown, unicode and huge numbers), must give a scenario
/// or diagnostics, never a crash or a hang. Seeded: the same mutations every time.
@Suite struct DecoderFuzzTests {
    /// The shipped scenarios small enough to mutate many times (the imported logs' task
    /// lists would only make each round slower, not different).
    static let files: [String] = {
        let root = RepositoryPaths.resolve("scenarios")
        let walker = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let entry = walker?.nextObject() as? String {
            guard entry.hasSuffix(".yaml") else { continue }
            let path = root.appendingPathComponent(entry).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
            if (size?.intValue ?? 0) <= 32_768 { found.append(path) }
        }
        return found.sorted()
    }()

    static let mutationsPerFile = 30

    static let scalars = [
        "", "~", "0", "-1", "1", "2.5", "1e308", "-1e308", "99999999999999999999999999", "NaN", ".inf", "-0.0",
        "true", "no", "1s", "-5ms", "0ns", "1e-9s", "365d", "10000000000TB", "1Gbps", "0.5GFLOPS", "local[*]",
        "local-cluster[0,0,0]", "héllo ☃ 名前", "x.y", "job0.map", "[", "{a: 1}", "\u{202E}rtl", String(repeating: "z", count: 5_000),
    ]
    static let keys = [
        "name", "tasks", "duration", "durations", "cluster", "workload", "spark", "engine", "faults", "sweep", "include",
        "seed", "parents", "jobs", "stages", "kind", "at", "executors", "master", "cpu_durations", "python", "zzz", "",
        "spark.task.cpus", "control_plane", "physical_cores",
    ]

    @Test func everyMutationGivesAScenarioOrDiagnostics() throws {
        #expect(Self.files.count > 50)
        var loads = 0, valid = 0
        for (index, path) in Self.files.enumerated() {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let root = try Yams.compose(yaml: text) else { continue }
            let stream = RandomStream(name: "test.decoder-fuzz", seed: UInt32(index + 1))
            for _ in 0..<Self.mutationsPerFile {
                var node = root
                for _ in 0...stream.integer(below: 3) { node = Self.mutate(node, stream, depth: 0) }
                guard let yaml = try? Yams.serialize(node: node) else { continue }
                loads += 1
                do {
                    _ = try ScenarioLoader.load(text: yaml, file: path)
                    valid += 1
                } catch {
                    #expect(!error.diagnostics.isEmpty, "\(path): an error without a diagnostic")
                    #expect(error.description.hasPrefix(path) || error.description.contains(".yaml"),
                            "\(path): \(error.description.prefix(200))")
                }
            }
        }
        print("decoder fuzz: \(Self.files.count) files, \(loads) mutated scenarios, \(valid) valid")
        #expect(loads >= 50 * Self.mutationsPerFile, "\(loads) mutated scenarios")
        #expect(valid < loads, "every mutation was accepted: the mutations do nothing")
    }

    /// One mutation somewhere in `node`: here with probability 1/3 (always at a leaf),
    /// else in a random child.
    static func mutate(_ node: Node, _ stream: RandomStream, depth: Int) -> Node {
        switch node {
        case .mapping(let mapping) where !mapping.isEmpty && stream.integer(below: 3) != 0:
            var pairs = Array(mapping).map { ($0.key, $0.value) }
            let at = stream.integer(below: pairs.count)
            pairs[at].1 = mutate(pairs[at].1, stream, depth: depth + 1)
            return .mapping(Node.Mapping(pairs))
        case .sequence(let sequence) where !sequence.isEmpty && stream.integer(below: 3) != 0:
            var items = Array(sequence)
            let at = stream.integer(below: items.count)
            items[at] = mutate(items[at], stream, depth: depth + 1)
            return .sequence(Node.Sequence(items))
        default:
            return mutateHere(node, stream)
        }
    }

    static func mutateHere(_ node: Node, _ stream: RandomStream) -> Node {
        func scalar() -> Node { .scalar(Node.Scalar(scalars[stream.integer(below: scalars.count)])) }
        func key() -> Node { .scalar(Node.Scalar(keys[stream.integer(below: keys.count)])) }
        switch (node, stream.integer(below: 4)) {
        case (.mapping(let mapping), 0) where !mapping.isEmpty:  // delete a key
            var pairs = Array(mapping).map { ($0.key, $0.value) }
            pairs.remove(at: stream.integer(below: pairs.count))
            return .mapping(Node.Mapping(pairs))
        case (.mapping(let mapping), 1) where !mapping.isEmpty:  // duplicate a key
            var pairs = Array(mapping).map { ($0.key, $0.value) }
            pairs.append(pairs[stream.integer(below: pairs.count)])
            return .mapping(Node.Mapping(pairs))
        case (.mapping(let mapping), 2):  // invent a key
            return .mapping(Node.Mapping(Array(mapping).map { ($0.key, $0.value) } + [(key(), scalar())]))
        case (.sequence(let sequence), 0) where !sequence.isEmpty:  // drop an item
            var items = Array(sequence)
            items.remove(at: stream.integer(below: items.count))
            return .sequence(Node.Sequence(items))
        case (.sequence(let sequence), 1) where !sequence.isEmpty:  // grow it
            let items = Array(sequence)
            return .sequence(Node.Sequence(items + Array(repeating: items[stream.integer(below: items.count)],
                                                         count: 1 + stream.integer(below: 50))))
        default:  // another type altogether
            switch stream.integer(below: 4) {
            case 0: return .sequence(Node.Sequence([]))
            case 1: return .mapping(Node.Mapping([(key(), scalar())]))
            case 2: return .sequence(Node.Sequence([scalar(), scalar()]))
            default: return scalar()
            }
        }
    }
}
