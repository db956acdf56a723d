/// How `report.md` and `sweep.md` state a scenario's persistent host slowdown.
extension HostSlowdownDescription {
    /// The file's setting: `variation 0.3, host0-3 x2.00`.
    var settingText: String {
        var parts: [String] = []
        if variation > 0 { parts.append("variation " + NumberFormat.roundTrip(variation)) }
        parts += written.map { "\($0.id) " + Self.factorText($0.factor) }
        return parts.joined(separator: ", ")
    }

    /// The factors a run uses: `16 hosts, slowest host0-5 x1.62, fastest host0-9 x0.71`
    /// (the first host in cluster order on a tie).
    var factorsText: String {
        guard var slow = factors.first else { return "no hosts" }
        var fast = slow
        for host in factors.dropFirst() {
            if host.factor > slow.factor { slow = host }
            if host.factor < fast.factor { fast = host }
        }
        if factors.count == 1 { return "1 host, \(slow.id) " + Self.factorText(slow.factor) }
        if slow.factor == fast.factor { return "\(factors.count) hosts, all " + Self.factorText(slow.factor) }
        return "\(factors.count) hosts, slowest \(slow.id) \(Self.factorText(slow.factor)), "
            + "fastest \(fast.id) \(Self.factorText(fast.factor))"
    }

    /// `x1.62`: how many times as long the host takes.
    static func factorText(_ factor: Double) -> String { "x" + NumberFormat.fixed(factor, decimals: 2) }
}
