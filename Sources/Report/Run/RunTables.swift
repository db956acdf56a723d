/// The run folder's plain tables of records: `links.csv` and `collective.csv`.
enum RunTables {
    /// `links.csv`: per-link accounting, the first thing to read when hunting a bottleneck.
    ///
    /// One row per link, in the network's stable link order (host NICs, then rack links);
    /// an unlimited link has an empty nominal rate. `busy_ns` counts time with at least one
    /// transfer moving bytes over the link.
    static let linkColumns = ["link", "nominal_bytes_per_s", "factor", "bytes", "busy_ns", "peak_transfers"]

    static func linksCSV(_ links: [LinkRecord]) -> String {
        var table = CSVTable(columns: linkColumns)
        for link in links {
            let nominal = link.nominalBytesPerSecond.isFinite ? NumberFormat.roundTrip(link.nominalBytesPerSecond) : ""
            table.append([link.name, nominal, NumberFormat.roundTrip(link.factor), String(link.bytesCarried),
                          String(link.busyNanoseconds), String(link.peakConcurrentTransfers)])
        }
        return table.text
    }

    /// `collective.csv` (docs/scenario.md): `group,ranks,bytes,algorithm,time_ns`; an empty
    /// time for a group that never completed.
    static let collectiveColumns = ["group", "ranks", "bytes", "algorithm", "time_ns"]

    static func collectiveCSV(_ rows: [CollectiveRecord]) -> String {
        var table = CSVTable(columns: collectiveColumns)
        for row in rows {
            table.append([String(row.group), String(row.ranks), String(row.bytes), row.algorithm,
                          row.durationNanoseconds.map { String($0) } ?? ""])
        }
        return table.text
    }
}
