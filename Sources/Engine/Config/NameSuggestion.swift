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

    /// Levenshtein distance (insertions, deletions, substitutions each cost 1).
    ///
    /// - Complexity: O(|a| × |b|) time, O(|b|) space.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
