import Testing

/// Build output and resolved-package pins must never be committed: CI builds from a
/// fresh clone, and this machine's package mirrors have commit ids nobody else has.
@Suite("Git hygiene")
struct GitHygieneTests {
    @Test(.enabled(if: Repository.trackedFiles != nil, "git is not installed or this is not a git checkout"))
    func noBuildFolderOrPackageResolvedIsTracked() throws {
        let tracked = try #require(Repository.trackedFiles)
        #expect(tracked.contains("Package.swift"), "git ls-files did not list Package.swift: wrong root?")
        let violations = trackedArtefactViolations(tracked)
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    @Test func artefactCheckerCatchesBuildFoldersAndResolvedFiles() {
        let paths = [
            "Package.swift", "Sources/Sim/Kernel/EventQueue.swift", ".build/debug/x.o",
            "Benchmarks/.build-support/y", "Benchmarks/Package.resolved", "Package.resolved",
            "Sources/Report/BuildInfo.swift",
        ]
        #expect(trackedArtefactViolations(paths).map(\.file)
            == [".build/debug/x.o", "Benchmarks/.build-support/y", "Benchmarks/Package.resolved", "Package.resolved"])
    }
}
