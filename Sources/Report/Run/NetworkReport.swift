/// The `## Network` section of `report.md` and its figure `links.svg`: how many bytes the
/// hosts sent, which links carried most and how hard they were driven, and the busiest
/// links' utilisation over time. Nothing when no link carried a byte.
struct NetworkReport {
    let links: [LinkRecord]
    let utilisation: [LinkUtilisationSample]
    let runName: String

    static let figureName = "links.svg"

    /// Most bytes first; ties in link order, so the table is the same on every run.
    var busiest: [LinkRecord] {
        links.enumerated().filter { $0.element.bytesCarried > 0 }
            .sorted { ($0.element.bytesCarried, $1.offset) > ($1.element.bytesCarried, $0.offset) }
            .prefix(5).map(\.element)
    }

    /// Below this peak a utilisation chart is a flat line at zero: the table says it all.
    static let leastPeakForFigure = 0.05

    /// The highest mean utilisation of any interval of the busiest links.
    var peakUtilisation: Double { utilisation.map(\.utilisation).max() ?? 0 }

    /// The figure, when some limited link was busy enough to show.
    var figure: String? {
        guard peakUtilisation >= Self.leastPeakForFigure else { return nil }
        return LinkUtilisationChart(title: "Link utilisation", subtitle: "\(runName): the busiest links, "
                                        + "mean of each interval", samples: utilisation).svg
    }

    var markdown: [String] {
        let top = busiest
        guard let first = top.first else { return [] }
        let sent = links.filter(\.isHostUplink).reduce(Int64(0)) { $0 + $1.bytesCarried }
        var lines = ["## Network", ""]
        var headline = "Hosts sent \(HumanUnits.bytes(sent)) over their network links. Busiest link: `\(first.name)`, "
            + "\(HumanUnits.bytes(first.bytesCarried))"
        if let rate = Self.rateWhileBusy(first) {
            headline += " at \(HumanUnits.rate(bytesPerSecond: rate)) while busy"
            if let share = Self.shareOfNominal(first) {
                headline += " (\(NumberFormat.percent(share, decimals: 0)) of its nominal "
                    + "\(HumanUnits.rate(bytesPerSecond: first.nominalBytesPerSecond)))"
            }
        }
        lines += [headline + ".", "",
                  "| link | bytes | busy | rate while busy | of nominal | peak transfers |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for link in top {
            let rate = Self.rateWhileBusy(link).map { HumanUnits.rate(bytesPerSecond: $0) } ?? ""
            let share = Self.shareOfNominal(link).map { NumberFormat.percent($0, decimals: 0) } ?? ""
            lines.append("| \(link.name) | \(HumanUnits.bytes(link.bytesCarried)) | "
                + "\(HumanUnits.duration(nanoseconds: link.busyNanoseconds)) | \(rate) | \(share) | "
                + "\(link.peakConcurrentTransfers) |")
        }
        lines += ["", "Every link is in `links.csv`.", ""]
        if figure != nil {
            lines += ["![Link utilisation](\(Self.figureName))", ""]
        } else if !utilisation.isEmpty {
            lines += ["No link was more than \(NumberFormat.percent(peakUtilisation, decimals: peakUtilisation < 0.01 ? 2 : 1)) busy over any "
                + "interval of the utilisation record, so no `\(Self.figureName)` is drawn.", ""]
        }
        return lines
    }

    /// Bytes over the time the link had a transfer moving (nil when never busy).
    static func rateWhileBusy(_ link: LinkRecord) -> Double? {
        link.busyNanoseconds > 0 ? Double(link.bytesCarried) / link.busySeconds : nil
    }

    /// `rateWhileBusy` over the nominal rate (nil for unlimited links).
    static func shareOfNominal(_ link: LinkRecord) -> Double? {
        guard link.nominalBytesPerSecond.isFinite, link.nominalBytesPerSecond > 0,
              let rate = rateWhileBusy(link) else { return nil }
        return rate / link.nominalBytesPerSecond
    }
}
