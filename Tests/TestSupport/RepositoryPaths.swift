import Foundation

/// Where the repository's files are, independent of the working directory.
///
/// Why from `#filePath`: `swift test` may run from the package root, from an IDE's
/// folder or from CI's fresh clone; this file's absolute path at compile time is the
/// one fixed point. It lives at `Tests/TestSupport/`, two folders below the root.
public enum RepositoryPaths {
    /// The checkout's root folder (the one holding `Package.swift`), as a file URL.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // root

    /// `path` itself when absolute; otherwise `path` under the repository root.
    public static func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
}
