import Foundation

/// The files of one run, collected in memory and published into place all at once.
///
/// A run writes nothing until it has produced every file; then the files go into a
/// hidden staging folder beside the destination, which is renamed into place. An
/// interrupted run therefore leaves either the previous complete output or the new
/// complete output, never half a report, and a malformed scenario writes nothing at all
/// (DESIGN.md: "Bad input gets a clear error, nothing lost").
public struct OutputFolder {
    /// Relative file name → contents, in the order the files were added.
    public private(set) var files: [(name: String, contents: String)] = []

    public init() {}

    public mutating func add(_ name: String, _ contents: String) {
        precondition(!name.contains("/") && !name.hasPrefix("."), "flat, visible file names only: \(name)")
        precondition(!files.contains { $0.name == name }, "file \(name) added twice")
        files.append((name, contents))
    }

    /// Writes every file under `parent/name/`, replacing what was there.
    /// - Returns: the destination folder's path.
    @discardableResult
    public func publish(into parent: String, name: String) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let destination = (parent as NSString).appendingPathComponent(name)
        let staging = (parent as NSString).appendingPathComponent(
            ".\(name).partial-\(ProcessInfo.processInfo.processIdentifier)")
        if fm.fileExists(atPath: staging) { try fm.removeItem(atPath: staging) }
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        for file in files {
            let path = (staging as NSString).appendingPathComponent(file.name)
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
        }
        if fm.fileExists(atPath: destination) {
            // Move the old folder aside first so that the window without a complete
            // output is a single rename, then drop it.
            let old = destination + ".old-\(ProcessInfo.processInfo.processIdentifier)"
            try fm.moveItem(atPath: destination, toPath: old)
            try fm.moveItem(atPath: staging, toPath: destination)
            try fm.removeItem(atPath: old)
        } else {
            try fm.moveItem(atPath: staging, toPath: destination)
        }
        return destination
    }
}
