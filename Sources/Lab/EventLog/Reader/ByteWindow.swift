import Glibc

/// A growable run of bytes read at the tail and consumed at the head: the compressed input
/// waiting for its decoder, or the decoded text waiting to be cut into lines.
///
/// Why not `[UInt8]`: decoders write straight into the free tail (`reserve`, `free`,
/// `commit`) and lines are cut from the head without copying the rest, and the unconsumed
/// bytes move to the front only when the tail is too short, so each byte moves at most
/// once or twice and memory stays at about the longest line plus one chunk.
///
/// - Complexity: `consume`, `commit` O(1); `reserve` O(unconsumed bytes) when it moves
///   or grows, amortised O(1) per byte read.
final class ByteWindow {
    private var storage: UnsafeMutableRawBufferPointer
    /// The first unconsumed byte.
    private(set) var start = 0
    /// One past the last byte written.
    private(set) var end = 0

    init(capacity: Int) {
        storage = .allocate(byteCount: max(capacity, 16), alignment: 16)
    }

    deinit { storage.deallocate() }

    var count: Int { end - start }

    /// The bytes written and not yet consumed; valid until the next `reserve`.
    var unconsumed: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[start..<end]) }

    /// The room after the written bytes; valid until the next `reserve`.
    var free: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(rebasing: storage[end...]) }

    /// The first `byteCount` bytes of `free` (fewer if `free` is shorter).
    func free(upTo byteCount: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: storage[end..<min(end + byteCount, storage.count)])
    }

    /// Drops `byteCount` bytes from the head.
    func consume(_ byteCount: Int) {
        precondition(byteCount >= 0 && byteCount <= count, "consumed more bytes than the window holds")
        start += byteCount
        if start == end {
            start = 0
            end = 0
        }
    }

    /// Marks `byteCount` bytes of `free` as written.
    func commit(_ byteCount: Int) {
        precondition(byteCount >= 0 && byteCount <= storage.count - end, "committed more bytes than were free")
        end += byteCount
    }

    /// Makes `free` at least `minimum` bytes long: moves the unconsumed bytes to the front,
    /// and doubles the storage when that is not enough.
    func reserve(_ minimum: Int) {
        if storage.count - end >= minimum { return }
        if start > 0, let base = storage.baseAddress {
            memmove(base, base + start, count)  // the regions may overlap
            end -= start
            start = 0
        }
        if storage.count - end >= minimum { return }
        let grown = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(storage.count * 2, end + minimum), alignment: 16)
        grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<end]))
        storage.deallocate()
        storage = grown
    }
}
