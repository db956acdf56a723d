/// "Did you mean ...?" for misspelt names: the closest candidate by edit distance.
///
/// A typo in a scenario must never silently change an experiment, so unknown names are
/// errors; a suggestion turns that error into a one-second fix. Ties go to the candidate
/// listed first, so the suggestion is the same on every run and machine.
public enum NameSuggestion {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo:
    /// at most one edit per three characters (at least one, at most four edits).
    /// Comparison ignores case, so `spark.Locality.Wait` finds `spark.locality.wait`.
    ///
    /// - Complexity: O(candidates × |name| × |candidate|).
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = min(4, max(1, target.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            if d <= limit, d < (best?.distance ?? Int.max) {
                best = (candidate, d)
            }
        }
        return best?.name
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two
    /// adjacent characters as one edit each (optimal string alignment), since swapped
    /// letters (`rnig` for `ring`) are among the commonest typos.
    ///
    /// - Complexity: O(|a| × |b|) time and space.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(d[(i - 1) * width + j - 1] + cost, d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = best
            }
        }
        return d[a.count * width + b.count]
    }
}
