import Glibc

/// One file of an event log opened for reading with POSIX `open`/`read`, a caller's
/// buffer at a time: never read whole, so a log of any size reads in bounded memory.
///
/// A class so that the descriptor is closed exactly once, when the last reference goes.
final class EventLogFile {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(EventLogError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw EventLogError(file: path, "cannot open: \(systemError(errno))")
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CodecFailure) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        while true {
            let got = Glibc.read(descriptor, base, buffer.count)
            if got >= 0 { return got }
            if errno != EINTR { throw CodecFailure.unreadable(systemError(errno)) }
        }
    }
}

/// The C library's text for an `errno` value ("No such file or directory").
func systemError(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
