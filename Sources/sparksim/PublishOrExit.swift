import ArgumentParser
import Lab

/// Publishes a command's folder as `DIR/<name>/` and prints the `wrote ...` line; a
/// refusal (the folder holds other output) or a write error is one message and exit 1.
func publishOrExit(_ folder: OutputFolder, into outputDirectory: String, name: String,
                   kind: OutputMarker.Kind, force: Bool) throws {
    do {
        let path = try folder.publish(into: outputDirectory, name: name,
                                      marker: OutputMarker(kind: kind, scenario: name), force: force)
        print("wrote \(path)/ (\(folder.files.map(\.name).joined(separator: ", ")))")
    } catch let refusal as OutputRefusal {
        printToStandardError("sparksim: \(refusal)")
        throw ExitCode(1)
    } catch {
        printToStandardError("sparksim: cannot write \(outputDirectory): \(error)")
        throw ExitCode(1)
    }
}
