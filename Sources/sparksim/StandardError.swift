import Foundation

/// Writes a line to standard error, where diagnostics belong (stdout stays parseable).
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
