import ArgumentParser
import Foundation
import Lab

/// Reads every regular file of a run folder (name -> contents); nil when it is not a folder.
func readRunFolder(_ path: String) -> [String: String]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
          let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
    var files: [String: String] = [:]
    for name in names.sorted() where !name.hasPrefix(".") {
        if let text = try? String(contentsOfFile: "\(path)/\(name)", encoding: .utf8) { files[name] = text }
    }
    return files
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two run folders; print the first diverging trace event with context.",
        discussion: "Exit status: 0 identical, 1 different, 2 when a folder cannot be read.")

    @Argument(help: "A run folder.") var first: String
    @Argument(help: "Another run folder.") var second: String

    func run() throws {
        guard let a = readRunFolder(first), let b = readRunFolder(second) else {
            printToStandardError("sparksim: diff needs two run folders")
            throw ExitCode(2)
        }
        let diff = RunFolderDiff(a: a, b: b, labels: (first, second))
        guard diff.differs else { print("identical"); return }
        diff.lines.forEach { print($0) }
        throw ExitCode(1)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-run every scenario and compare with its committed results/<name>/.",
        discussion: """
            Prints one line per scenario (ok, DIFFERS, MISSING) and, for each that differs, the \
            first diverging trace event with a few events of context on both sides. Exit \
            status 1 when anything differs. Nothing is written.
            """)

    @Option(help: "Folder of scenario files (searched recursively).") var scenarios = "scenarios"
    @Option(help: "Folder of committed results.") var results = "results"
    @Option(parsing: .upToNextOption, help: "Only these scenario names.") var only: [String] = []

    func run() throws {
        guard let enumerator = FileManager.default.enumerator(atPath: scenarios) else {
            printToStandardError("sparksim: cannot read \(scenarios)")
            throw ExitCode(2)
        }
        let paths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
        var failed = false
        for path in paths {
            let scenario = try loadScenarioOrExit("\(scenarios)/\(path)")
            guard only.isEmpty || only.contains(scenario.name) else { continue }
            let folder = Runner.run(scenario)
            let produced = Dictionary(uniqueKeysWithValues: folder.files.map { ($0.name, $0.contents) })
            guard let committed = readRunFolder("\(results)/\(scenario.name)") else {
                print("MISSING  \(scenario.name)")
                failed = true
                continue
            }
            let diff = RunFolderDiff(a: committed, b: produced, labels: ("committed", "now"))
            if diff.differs {
                print("DIFFERS  \(scenario.name)")
                diff.lines.forEach { print("  " + $0) }
                failed = true
            } else {
                print("ok       \(scenario.name)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
