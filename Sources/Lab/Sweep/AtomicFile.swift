import Foundation

/// Writes one file by writing a temporary sibling, then renaming it over the target.
///
/// Why not `OutputFolder.publish`: a sweep's folder keeps its `runs/` between
/// invocations (they are the cache), so its top-level files are replaced one by one;
/// rename(2) within one folder is atomic, so a reader or an interrupted sweep sees the
/// old file or the new one, never a part.
enum AtomicFile {
    static func write(_ contents: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try Data(contents.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "rename failed (errno \(code))",
            ])
        }
    }

    /// The file's text, or nil when it is missing or not UTF-8.
    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
