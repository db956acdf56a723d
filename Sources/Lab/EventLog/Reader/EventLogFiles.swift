import Glibc

/// The files an event log path stands for, in reading order: the path itself, or the parts
/// of a Spark 3/4 rolling event log directory.
///
/// A rolling log (`spark.eventLog.rolling.enabled`) is a directory `eventlog_v2_<appId>/`
/// holding `events_<n>_<appId>[.<codec>]` parts and an empty `appstatus_<appId>` marker,
/// `.inprogress` while the application runs (Spark's `RollingEventLogFilesWriter`). Parts are
/// read in the numeric order of `n`, not by name (`events_10_` sorts before `events_2_`), from
/// the last `.compact` part on when the History Server has compacted the older ones, and
/// must be numbered without gaps (as `RollingEventLogFilesFileReader.eventLogFiles` requires).
/// Other files (Hadoop's `.crc` files) are ignored.
struct EventLogFiles: Equatable {
    struct Part: Equatable {
        let path: String
        let codec: EventLogCodec
    }

    let parts: [Part]
    /// Whether Spark was still writing the log: a single file named `*.inprogress`, or a
    /// directory whose `appstatus_` marker is.
    let inProgress: Bool

    static func resolve(_ path: String) throws(EventLogError) -> EventLogFiles {
        switch try FileKind.of(path) {
        case .regular:
            let name = fileName(of: path)
            return EventLogFiles(
                parts: [Part(path: path, codec: try EventLogCodec.of(fileName: name))],
                inProgress: name.hasSuffix(".inprogress"))
        case .directory:
            return try rolling(path)
        case .other:
            throw EventLogError(file: path, "not a file: an event log is a file or a rolling event log directory")
        }
    }

    private static func rolling(_ directory: String) throws(EventLogError) -> EventLogFiles {
        let names = try listDirectory(directory)
        var numbered: [(index: Int, name: String)] = []
        for name in names where name.hasPrefix("events_") {
            guard let index = partIndex(name) else { continue }
            numbered.append((index, name))
        }
        guard !numbered.isEmpty else {
            throw EventLogError(
                file: directory,
                "no event log parts: a rolling event log directory holds events_<n>_<appId>[.<codec>] files")
        }
        // A compacted part sorts after an original of the same number, which it replaces.
        numbered.sort { (a, b) in
            (a.index, isCompacted(a.name) ? 1 : 0, a.name) < (b.index, isCompacted(b.name) ? 1 : 0, b.name)
        }
        if let lastCompact = numbered.lastIndex(where: { isCompacted($0.name) }) {
            numbered.removeFirst(lastCompact)
        }
        try checkConsecutive(numbered.map(\.index), directory: directory)
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        var parts: [Part] = []
        for (_, name) in numbered {
            let path = base + name
            guard try FileKind.of(path) == .regular else {
                throw EventLogError(file: path, "not a file: a rolling event log's parts are files")
            }
            parts.append(Part(path: path, codec: try codecOf(name, in: base)))
        }
        let inProgress = names.contains { $0.hasPrefix("appstatus_") && $0.hasSuffix(".inprogress") }
        return EventLogFiles(parts: parts, inProgress: inProgress)
    }

    private static func isCompacted(_ name: String) -> Bool { name.hasSuffix(".compact") }

    /// `n` of `events_<n>_<appId>...`.
    private static func partIndex(_ name: String) -> Int? {
        let rest = name.dropFirst("events_".count)
        guard let underscore = rest.firstIndex(of: "_") else { return nil }
        return Int(rest[..<underscore])
    }

    /// Spark numbers parts 1, 2, 3...: a gap means a part was lost when the log was copied.
    private static func checkConsecutive(_ indices: [Int], directory: String) throws(EventLogError) {
        for (previous, index) in zip(indices, indices.dropFirst()) where index != previous + 1 {
            let what = index == previous ? "two parts numbered \(index)" : "part \(previous + 1) is missing"
            let found = indices.map(String.init).joined(separator: ", ")
            throw EventLogError(file: directory, "\(what) (parts found: \(found))")
        }
    }

    /// The codec of a part, with the error naming the part's path.
    private static func codecOf(_ name: String, in base: String) throws(EventLogError) -> EventLogCodec {
        do {
            return try EventLogCodec.of(fileName: name)
        } catch {
            throw EventLogError(file: base + name, error.message)
        }
    }

    private static func fileName(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed.split(separator: "/").last ?? trimmed)
    }

    /// The names in a directory, sorted (readdir's order is the file system's).
    private static func listDirectory(_ path: String) throws(EventLogError) -> [String] {
        guard let handle = opendir(path) else {
            throw EventLogError(file: path, "cannot list the directory: \(systemError(errno))")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}

/// What a path is, by `stat` (following symbolic links, as opening the file will).
enum FileKind: Equatable {
    case regular, directory, other

    static func of(_ path: String) throws(EventLogError) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            let why = code == ENOENT ? "no such file or directory" : systemError(code)
            throw EventLogError(file: path, why)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
