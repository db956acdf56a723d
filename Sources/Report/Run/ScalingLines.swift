/// Which scaling curve each variant of a training `compare:` belongs to: variants of one
/// style whose workloads differ only in worker (partition) count.
///
/// Why not one curve per style: a comparison may vary a second setting inside a style
/// (`data-exchange` runs pickle and Arrow at 4 and 16 workers, all barrier-allreduce). One
/// curve per style would then pass twice through each worker count, and efficiency would
/// be measured against whichever variant came first. A curve per setting keeps each
/// point's efficiency against its own fewest-worker run.
enum ScalingLines {
    /// One setting label per variant, in the order given: nil when its style ran with a
    /// single setting (the line is the style), else what the setting's variant names share
    /// once their worker count is dropped (`pickle` for `pickle-4` and `pickle-16`), or the
    /// variant names themselves when they share nothing.
    ///
    /// - Complexity: O(n²) in the number of variants (a handful).
    /// `group` is the index of the first variant whose workload equals the variant's but
    /// for its worker count (Lab decides that equality; it sees the workloads).
    static func settings(_ variants: [(name: String, style: String, workers: Int, group: Int)]) -> [String?] {
        // Each variant's group: the first variant of the same style and settings.
        let group = variants.indices.map { index in
            variants.indices.first { variants[$0].style == variants[index].style
                && variants[$0].group == variants[index].group }!
        }
        var labels: [String?] = variants.map { _ in nil }
        for style in ordered(variants.map(\.style)) {
            let groups = ordered(variants.indices.filter { variants[$0].style == style }.map { group[$0] })
            guard groups.count > 1 else { continue }
            var taken: [String] = []
            for first in groups {
                let members = variants.indices.filter { group[$0] == first }
                let stems = ordered(members.map { stem(variants[$0].name, workers: variants[$0].workers) })
                var label = stems.count == 1 && !stems[0].isEmpty ? stems[0]
                    : members.map { variants[$0].name }.joined(separator: ", ")
                if taken.contains(label) { label = members.map { variants[$0].name }.joined(separator: ", ") }
                taken.append(label)
                for member in members { labels[member] = label }
            }
        }
        return labels
    }

    /// A line's name: `barrier-allreduce (pickle)`, or the style alone.
    static func name(style: String, setting: String?) -> String {
        setting.map { "\(style) (\($0))" } ?? style
    }

    /// `pickle-16` at 16 workers → `pickle`: the name without a trailing worker count and
    /// the separators before it; the name unchanged when it does not end in the count.
    static func stem(_ name: String, workers: Int) -> String {
        let count = String(workers)
        guard name.hasSuffix(count), name.count > count.count else { return name }
        var stem = String(name.dropLast(count.count))
        while let last = stem.last, "-_ ".contains(last) { stem.removeLast() }
        return stem.isEmpty ? name : stem
    }

    /// `values` without repeats, in first-appearance order.
    private static func ordered<T: Equatable>(_ values: [T]) -> [T] {
        values.reduce(into: [T]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
