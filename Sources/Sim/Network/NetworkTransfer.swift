/// The handle of one transfer, returned by `Network.startTransfer`.
///
/// `sequence` counts transfers in the order they were started (never reused), and orders
/// them: completions at one instant are reported by ascending `sequence`. `slot` names
/// the network's bookkeeping cell, reused once the transfer has ended, which is why
/// lookups check the sequence too (as `EventID` does).
public struct TransferID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let sequence: UInt64
    let slot: Int32

    init(sequence: UInt64, slot: Int32) {
        self.sequence = sequence
        self.slot = slot
    }

    public static func < (a: TransferID, b: TransferID) -> Bool { a.sequence < b.sequence }

    public var description: String { "transfer#\(sequence)" }
}

/// A transfer whose bytes have all arrived, as `Network.handle` reports it.
public struct CompletedTransfer: Hashable, Sendable, CustomStringConvertible {
    public let id: TransferID
    /// The caller's tag, given to `startTransfer`.
    public let tag: UInt64
    public let bytes: Int64
    public let source: HostIndex
    public let destination: HostIndex
    /// When `startTransfer` was called.
    public let start: SimInstant
    /// When the last byte arrived (the instant of the event that reports it).
    public let end: SimInstant

    public var description: String {
        "\(id) tag=\(tag) \(bytes)b host\(source)->host\(destination) \(start)..\(end)"
    }
}

/// A transfer ended before completion by `cancelTransfer` or `abortTransfers(touching:)`.
public struct AbortedTransfer: Hashable, Sendable, CustomStringConvertible {
    public let id: TransferID
    public let tag: UInt64
    public let bytes: Int64
    /// Bytes that had arrived when it was aborted (rounded down).
    public let bytesMoved: Int64
    public let source: HostIndex
    public let destination: HostIndex
    public let start: SimInstant
    /// When it was aborted.
    public let end: SimInstant

    public var description: String {
        "\(id) tag=\(tag) aborted after \(bytesMoved)/\(bytes)b host\(source)->host\(destination) \(start)..\(end)"
    }
}

/// The network's timer, carried by the model's event type so that the network shares the
/// one event queue (and so the one order of events) with everything else in a run.
///
/// The network keeps at most one timer pending: "the next instant at which a latency
/// ends, a transfer completes, or shares must be recomputed". `generation` tells the
/// current timer from one the network has since cancelled (which the kernel never
/// delivers, so a mismatch means the event reached the wrong network). One network per
/// simulation: two networks on one queue could not tell their timers apart.
public struct NetworkEvent: Hashable, Sendable, CustomStringConvertible {
    public let generation: UInt64

    public init(generation: UInt64) { self.generation = generation }

    public var description: String { "network timer #\(generation)" }
}

/// What one link did over a run, for reports.
public struct LinkUsage: Hashable, Sendable, CustomStringConvertible {
    public let link: LinkID
    /// Nominal rate in bytes per second (+infinity when unlimited), before any factor.
    public let nominalBytesPerSecond: Double
    /// The factor currently applied (`setLinkFactor`), 1 when none.
    public let factor: Double
    /// Bytes that crossed the link (transfers in progress count what has moved so far).
    public let bytesCarried: Int64
    /// Time with at least one transfer moving bytes over the link.
    public let busyTime: SimDuration
    /// The most transfers that moved bytes over the link at once.
    public let peakConcurrentTransfers: Int

    /// `host3.up`, `rack1.down`, ...
    public var name: String { link.description }

    public var description: String {
        "\(name) carried=\(bytesCarried)b busy=\(busyTime) peak=\(peakConcurrentTransfers)"
    }
}
