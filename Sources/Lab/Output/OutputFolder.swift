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

    /// Writes every file under `parent/name/`, with `marker` as `.sparksim-output`,
    /// replacing what was there only when `OutputGuard` allows (the same kind of output for
    /// the same scenario; anything with `force`).
    ///
    /// Two commands publishing into the same parent at once take turns for the check and
    /// the swap (an exclusive `flock` on the parent folder itself: no lock file is left),
    /// each writing into its own staging folder beforehand; staging or set-aside folders
    /// left by a process that died are removed first.
    /// - Returns: the destination folder's path.
    @discardableResult
    public func publish(into parent: String, name: String, marker: OutputMarker, force: Bool = false) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let destination = (parent as NSString).appendingPathComponent(name)
        OutputLitter.removeStale(in: parent, name: name)
        do {
            // Early, before any work, and under the lock too: another publisher may be
            // between moving the old folder aside and renaming its own into place.
            let lock = try OutputLock(path: parent)
            defer { lock.release() }
            try OutputGuard.check(destination, for: marker, force: force)
        }
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let staging = (parent as NSString).appendingPathComponent(".\(name).partial-\(tag)")
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            for file in files {
                let path = (staging as NSString).appendingPathComponent(file.name)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            }
            try marker.write(into: staging)
            let lock = try OutputLock(path: parent)
            defer { lock.release() }
            try OutputGuard.check(destination, for: marker, force: force)  // again, in turn
            if fm.fileExists(atPath: destination) {
                // Move the old folder aside first so that the window without a complete
                // output is a single rename, then drop it.
                let old = (parent as NSString).appendingPathComponent(".\(name).old-\(tag)")
                try fm.moveItem(atPath: destination, toPath: old)
                try fm.moveItem(atPath: staging, toPath: destination)
                try fm.removeItem(atPath: old)
            } else {
                try fm.moveItem(atPath: staging, toPath: destination)
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        return destination
    }
}

/// An exclusive `flock` on a file or folder, held until `release`.
struct OutputLock {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Staging (`.name.partial-PID-...`) and set-aside (`.name.old-PID-...`) folders whose
/// process is gone: an interrupted command's litter, removed by the next one.
enum OutputLitter {
    static func removeStale(in parent: String, name: String) {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] {
            for prefix in [".\(name).partial-", ".\(name).old-"] where entry.hasPrefix(prefix) {
                let pid = entry.dropFirst(prefix.count).prefix { $0.isNumber }
                guard let process = Int32(pid), process != ProcessInfo.processInfo.processIdentifier,
                      kill(process, 0) != 0, errno == ESRCH else { continue }
                try? fm.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
            }
        }
    }
}
