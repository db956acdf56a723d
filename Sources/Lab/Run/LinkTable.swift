import Report
import Sim

/// `links.csv`: per-link accounting, the first thing to read when hunting a bottleneck.
///
/// One row per link, in the network's stable link order (host NICs, then rack links);
/// an unlimited link has an empty nominal rate. `busy_ns` counts time with at least one
/// transfer moving bytes over the link.
enum LinkTable {
    static let columns = ["link", "nominal_bytes_per_s", "factor", "bytes", "busy_ns", "peak_transfers"]

    static func csv(_ links: [LinkRow]) -> String {
        var table = CSVTable(columns: columns)
        for row in links {
            let link = row.usage
            let nominal = link.nominalBytesPerSecond.isFinite ? NumberFormat.roundTrip(link.nominalBytesPerSecond) : ""
            table.append([row.name, nominal, NumberFormat.roundTrip(link.factor), String(link.bytesCarried),
                          String(link.busyTime.nanoseconds), String(link.peakConcurrentTransfers)])
        }
        return table.text
    }
}
