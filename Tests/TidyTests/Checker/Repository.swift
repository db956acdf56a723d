import Foundation
import TestSupport

/// Read-only access to the checkout that the tidy rules inspect.
///
/// The root comes from TestSupport's `RepositoryPaths`, which finds it from its own
/// `#filePath`, so the rules see the same files whatever the working directory.
enum Repository {
    static var root: URL { RepositoryPaths.root }

    /// Paths of the `.swift` files under `folder` (relative to the root, such as
    /// `Sources/Engine`), relative to the root, sorted so reports are stable.
    static func swiftFiles(under folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".swift") { found.append(folder + "/" + relative) }
        }
        return found.sorted()
    }

    /// The text of a file given relative to the root.
    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Paths git tracks, relative to the root; nil when git is missing or the checkout
    /// is not a git repository (a source tarball), so the rule can be skipped.
    static let trackedFiles: [String]? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "ls-files", "-z"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        do { try process.run() } catch { return nil }
        // Read before waiting: a full pipe would otherwise block git forever.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }()
}
