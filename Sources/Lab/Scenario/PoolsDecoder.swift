import Engine
import Sim

/// The `pools:` section.
struct PoolsDecoder: SectionDecoder {
    let sink: DecodingSink

    static let poolKeys = ["name", "minShare", "weight", "schedulingMode", "pools"]

    /// `pools:`, a list of pools (with nested `pools:`); names are unique across the tree.
    func decodePools(_ node: SourceNode?) -> [Scenario.Pool] {
        guard let node, !node.isNull else { return [] }
        var seen: [String: SourcePosition] = [:]
        return decodePoolList(node, what: "pools", seen: &seen, depth: 0)
    }

    private func decodePoolList(_ node: SourceNode, what: String,
                                         seen: inout [String: SourcePosition], depth: Int) -> [Scenario.Pool]
    {
        let expected = "a list of pools like {name: production, minShare: 2, weight: 2, schedulingMode: FAIR}"
        guard let items = list(node, what, expected: expected) else { return [] }
        if depth > 32 {
            report(node.position, "pools are nested more than 32 deep", expected: "a shallower pool tree")
            return []
        }
        var pools: [Scenario.Pool] = []
        for item in items {
            guard seen.count < ScenarioLimits.maxPools else {
                report(item.position, "more than \(ScenarioLimits.maxPools) pools",
                       expected: "at most \(ScenarioLimits.maxPools) pools")
                break
            }
            if let pool = decodePool(item, seen: &seen, depth: depth) { pools.append(pool) }
        }
        return pools
    }

    private func decodePool(_ node: SourceNode, seen: inout [String: SourcePosition],
                                     depth: Int) -> Scenario.Pool?
    {
        let label = Self.peekName(node).map { "pool '\($0)'" } ?? "a pool"
        guard let f = fields(node, context: label, allowed: Self.poolKeys) else { return nil }
        let nameNode = required(f, "name", expected: "the pool's name")
        let poolName = nameNode.flatMap { name($0, "name") }
        if let poolName, let nameNode {
            if let first = seen[poolName] {
                report(nameNode.position, "pool '\(poolName)' is already defined at \(first)",
                       expected: "unique pool names")
            } else {
                seen[poolName] = nameNode.position
            }
        }
        let minShare = f.present("minShare").map { int($0, "minShare", range: 0...Int(Int32.max)) } ?? 0
        // Weight 0 would make Spark's FAIR comparator divide running tasks by zero.
        let weight = f.present("weight").map { int($0, "weight", range: 1...Int(Int32.max)) } ?? 1
        var mode = SparkConf.SchedulingMode.fifo
        if let m = f.present("schedulingMode"), let text = text(m, "schedulingMode", expected: "FIFO or FAIR") {
            if let parsed = SparkConf.SchedulingMode(rawValue: text.uppercased()) {
                mode = parsed
            } else {
                report(m.position, "schedulingMode: unknown value '\(text)'", expected: "FIFO or FAIR")
            }
        }
        let children = f.present("pools").map { decodePoolList($0, what: "pools", seen: &seen, depth: depth + 1) } ?? []
        guard let poolName, let minShare, let weight else { return nil }
        return Scenario.Pool(name: poolName, minShare: minShare, weight: weight, schedulingMode: mode,
                             pools: children)
    }

    /// The `name:` of a mapping, read before the mapping is checked, to label messages.
    static func peekName(_ node: SourceNode, key: String = "name") -> String? {
        guard case .mapping(let pairs, _) = node else { return nil }
        return pairs.first { $0.key.scalarText == key }?.value.scalarText
    }
}
