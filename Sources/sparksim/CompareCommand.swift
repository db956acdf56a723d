import ArgumentParser
import Foundation
import Lab

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show how much faster or slower run folder B is than A, per variant, job, stage and iteration.",
        discussion: """
            Reads summary.csv, tasks.csv, the traces and (for training) iteration_costs.csv or \
            iterations.csv of both folders and prints, per section, A, B, Δ = B − A and Δ% = Δ / A: \
            variants (makespan, jobs, tasks), jobs (duration from submission to end, task attempts, \
            task time, outcome), stages (first launch to last end, attempts, failed and killed tasks, \
            median task, locality mix) and iterations (first, median and mean of the steady ones, \
            last, total, then the largest per-iteration changes, with the time breakdown). Items are \
            matched by name; those on one side only are listed as such. Largest |Δ| first, --limit \
            rows per section. Exit status: 0 compared (whether or not anything changed), 2 when a \
            folder cannot be read, is not a run folder, or is a sweep, 1 when --csv cannot be written.
            """)

    @Argument(help: "A run folder (the baseline, A).") var first: String
    @Argument(help: "Another run folder (B, compared against A).") var second: String
    @Option(help: "Rows per section at most.") var limit = 20
    @Flag(help: "Show every row of every section.") var all = false
    @Option(help: ArgumentHelp("Also write every compared quantity to FILE as CSV, one row per item and metric "
                               + "('-': print the CSV instead of the table).", valueName: "file"))
    var csv: String?

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit takes a whole number of at least 1") }
    }

    func run() throws {
        let comparison: RunFolderComparison
        do {
            comparison = try RunFolderComparison(paths: first, second)
        } catch {
            printToStandardError("sparksim: \(error)")
            throw ExitCode(2)
        }
        if csv == "-" {
            print(comparison.csv, terminator: "")
            return
        }
        comparison.lines(limit: all ? nil : limit).forEach { print($0) }
        guard let csv else { return }
        do {
            try Data(comparison.csv.utf8).write(to: URL(fileURLWithPath: csv), options: .atomic)
        } catch {
            printToStandardError("sparksim: cannot write \(csv): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print("wrote \(csv)")
    }
}
