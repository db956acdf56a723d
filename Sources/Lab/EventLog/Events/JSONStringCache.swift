import Foundation

/// Strings an event log repeats on every line (its keys, and short values such as
/// executor ids, hosts, localities and end reasons), made once and reused: building a
/// Swift `String` and hashing it for the skip test took a large part of the parse of a
/// 100,000-task log. A direct-mapped table of `slots` entries, indexed by a cheap mix of
/// the length and the first and last eight bytes; each hit is checked byte for byte (a
/// colliding string takes the slot, never the other's text). Strings up to `longest`
/// bytes; longer ones are built each time.
///
/// `@unchecked Sendable`: each decoding thread has its own cache (`ParallelEventDecoder`).
final class JSONStringCache: @unchecked Sendable {
    struct Entry {
        let bytes: [UInt8]
        let string: String
        /// The string is a key whose subtree the parser skips.
        let skipped: Bool
    }

    static let longest = 48
    static let slots = 4_096

    private var table = [Entry?](repeating: nil, count: JSONStringCache.slots)
    private let skipping: Set<String>

    init(skipping: Set<String>) { self.skipping = skipping }

    /// Whether `key`'s subtree is skipped.
    func skips(_ key: String) -> Bool { skipping.contains(key) }

    /// The string of `bytes` (plain UTF-8, no escapes) and whether it is a skipped key.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, skipped: Bool) {
        let count = bytes.count
        guard count <= Self.longest, let base = UnsafeRawPointer(bytes.baseAddress) else {
            let string = String(decoding: bytes, as: UTF8.self)
            return (string, skipping.contains(string))
        }
        var mix = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count >= 8 {
            mix ^= base.loadUnaligned(as: UInt64.self)
            mix = (mix ^ (mix >> 29)) &* 0xBF58_476D_1CE4_E5B9
            mix ^= base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for offset in 0..<count { mix = (mix << 8) | UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) }
        }
        mix = (mix ^ (mix >> 32)) &* 0x94D0_49BB_1331_11EB
        let slot = Int(truncatingIfNeeded: mix >> 40) & (Self.slots - 1)
        if let entry = table[slot], entry.bytes.count == count,
           entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, count) == 0 }) {
            return (entry.string, entry.skipped)
        }
        let string = String(decoding: bytes, as: UTF8.self)
        let skipped = skipping.contains(string)
        table[slot] = Entry(bytes: Array(bytes), string: string, skipped: skipped)
        return (string, skipped)
    }
}
