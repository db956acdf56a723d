import ArgumentParser
import Lab

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two run folders; print the first diverging trace event with context.",
        discussion: """
            For each trace file (trace.csv, trace-<variant>.csv) in either folder, prints the \
            first event at which the two differ: its row and line, its time, the three common \
            events before it and, from it on, the events of each side. Then names the other \
            files whose bytes differ (with the first differing line). Exit status: 0 identical, \
            1 different, 2 when a folder cannot be read.
            """)

    @Argument(help: "A run folder (shown as A).") var first: String
    @Argument(help: "Another run folder (shown as B).") var second: String

    func run() throws {
        guard let a = RunFolder.read(first), let b = RunFolder.read(second) else {
            for path in [first, second] where RunFolder.read(path) == nil {
                printToStandardError("sparksim: \(path) is not a readable folder")
            }
            throw ExitCode(2)
        }
        let diff = RunFolderDiff(a: a, b: b)
        guard diff.differs else {
            print("identical: \(first) and \(second)")
            return
        }
        print("A = \(first)")
        print("B = \(second)")
        diff.lines().forEach { print($0) }
        throw ExitCode(1)
    }
}
