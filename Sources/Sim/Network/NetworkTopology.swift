/// A host of the network, numbered from 0 in the order hosts were added.
///
/// A plain index, not the cluster's host type: the network knows links, not executors,
/// so whoever owns the cluster maps its hosts to these numbers (`Lab` does).
public typealias HostIndex = Int

/// A rack of the network, numbered from 0; racks exist once a host names them.
public typealias RackIndex = Int

/// The rates and latencies of a scenario's `network:` section (docs/scenario.md).
///
/// Every optional means "this part of the network is not a bottleneck":
/// - `hostLink == nil`: NICs are unlimited (with `latency == 0`, the ideal network of a
///   scenario without a `network:` section: transfers complete at the instant they start);
/// - `rackUplink == nil`: the core is non-blocking, so racks add no links to a route;
/// - `intraHost == nil`: a transfer between two endpoints of one host is instantaneous.
///   Why this default: docs/scenario.md makes `intra_host` optional, and a copy through
///   memory is orders of magnitude faster than a NIC, so "free" distorts less than
///   guessing a memory bandwidth; a scenario that cares gives the rate.
public struct NetworkParameters: Hashable, Sendable {
    /// Each host's NIC rate, per direction (full duplex); nil = unlimited.
    public var hostLink: Bandwidth?
    /// Each rack's link to the core, per direction; nil = non-blocking core.
    public var rackUplink: Bandwidth?
    /// Latency of each link crossed (NIC links, and rack links unless overridden).
    public var latency: SimDuration
    /// Latency of each rack uplink crossed; nil = `latency`.
    public var rackUplinkLatency: SimDuration?
    /// Rate of a transfer between two endpoints of one host (shared by the concurrent
    /// ones); nil = instantaneous. Intra-host transfers pay no latency.
    public var intraHost: Bandwidth?

    public init(hostLink: Bandwidth?, rackUplink: Bandwidth? = nil, latency: SimDuration,
                rackUplinkLatency: SimDuration? = nil, intraHost: Bandwidth? = nil) {
        precondition(latency >= .zero && (rackUplinkLatency ?? .zero) >= .zero,
                     "NetworkParameters: negative latency")
        self.hostLink = hostLink
        self.rackUplink = rackUplink
        self.latency = latency
        self.rackUplinkLatency = rackUplinkLatency
        self.intraHost = intraHost
    }

    /// No latency and no bandwidth limit anywhere: what a scenario without `network:` gets.
    public static let ideal = NetworkParameters(hostLink: nil, latency: .zero)
}

/// Which physical link a `LinkID` names.
public enum LinkKind: Int, Hashable, Comparable, Sendable {
    /// A host's NIC, host to switch.
    case hostUp = 0
    /// A host's NIC, switch to host.
    case hostDown = 1
    /// A host's memory path, for transfers between two endpoints of that host.
    case hostLoopback = 2
    /// A rack's uplink, rack to core.
    case rackUp = 3
    /// A rack's uplink, core to rack.
    case rackDown = 4

    public static func < (a: LinkKind, b: LinkKind) -> Bool { a.rawValue < b.rawValue }

    var isRack: Bool { self == .rackUp || self == .rackDown }
}

/// The public name of one link: a kind and the host or rack it belongs to.
///
/// Ordered hosts first (by host, then up, down, loopback), then racks (by rack, then up,
/// down), which is the order reports list links in.
public struct LinkID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let kind: LinkKind
    /// The host index for host links, the rack index for rack links.
    public let index: Int

    public init(kind: LinkKind, index: Int) {
        self.kind = kind
        self.index = index
    }

    public static func < (a: LinkID, b: LinkID) -> Bool {
        (a.kind.isRack ? 1 : 0, a.index, a.kind) < (b.kind.isRack ? 1 : 0, b.index, b.kind)
    }

    /// `host3.up`, `host3.down`, `host3.loopback`, `rack1.up`, `rack1.down`.
    public var description: String {
        switch kind {
        case .hostUp: return "host\(index).up"
        case .hostDown: return "host\(index).down"
        case .hostLoopback: return "host\(index).loopback"
        case .rackUp: return "rack\(index).up"
        case .rackDown: return "rack\(index).down"
        }
    }
}

/// The links a transfer crosses, in order, and the latency it pays before its bytes move.
public struct NetworkRoute: Hashable, Sendable {
    /// 1 link (loopback), 2 (same rack, or racks behind a non-blocking core) or 4.
    public let links: [LinkID]
    /// The sum of the latencies of the links crossed (zero for a loopback).
    public let latency: SimDuration
}

/// Hosts, racks and the links between them: each host has a NIC (an up and a down link)
/// and a loopback; each rack, when rack uplinks are limited, an up and a down link to a
/// core that is itself never a bottleneck.
///
/// Links are numbered internally in the order they are created (hosts' links when the
/// host is added, a rack's links when a host first names it), so adding a host never
/// renumbers anything and a run's link numbering depends only on its inputs.
///
/// - Complexity: `route` O(1); `addHost` amortised O(1).
public struct NetworkTopology: Sendable {
    public let parameters: NetworkParameters
    /// `hostRacks[h]` is host h's rack.
    public private(set) var hostRacks: [RackIndex] = []
    /// Number of racks: one more than the highest rack index any host names.
    public private(set) var rackCount = 0
    /// Every link's name, by internal link number.
    public private(set) var linkIDs: [LinkID] = []
    /// Every link's nominal rate in bytes per second (+infinity when unlimited).
    private(set) var nominalBytesPerSecond: [Double] = []
    /// Internal numbers of host h's links: up, down, loopback.
    private(set) var hostLinks: [(up: Int32, down: Int32, loopback: Int32)] = []
    /// Internal numbers of rack r's links (-1 when the core is non-blocking).
    private(set) var rackLinks: [(up: Int32, down: Int32)] = []

    /// A topology of `hostRacks.count` hosts, host h in rack `hostRacks[h]`.
    public init(parameters: NetworkParameters, hostRacks: [RackIndex]) {
        self.parameters = parameters
        for rack in hostRacks { addHost(rack: rack) }
    }

    /// `racks` racks of `hostsPerRack` hosts each, numbered rack by rack.
    public init(parameters: NetworkParameters, racks: Int, hostsPerRack: Int) {
        precondition(racks >= 0 && hostsPerRack >= 0, "NetworkTopology: negative size")
        self.init(parameters: parameters,
                  hostRacks: (0..<racks).flatMap { Array(repeating: $0, count: hostsPerRack) })
    }

    public var hostCount: Int { hostRacks.count }
    /// Number of links, host and rack.
    public var linkCount: Int { linkIDs.count }

    /// Adds a host in `rack` (creating the rack's links if it is new) and returns its
    /// index, the next free one. Used at set-up and for hosts that join during a run.
    @discardableResult
    public mutating func addHost(rack: RackIndex) -> HostIndex {
        precondition(rack >= 0, "NetworkTopology: negative rack index \(rack)")
        while rackCount <= rack {
            let limited = parameters.rackUplink != nil
            let rate = Self.bytesPerSecond(parameters.rackUplink)
            let up = limited ? appendLink(LinkID(kind: .rackUp, index: rackCount), rate) : -1
            let down = limited ? appendLink(LinkID(kind: .rackDown, index: rackCount), rate) : -1
            rackLinks.append((up, down))
            rackCount += 1
        }
        let host = hostRacks.count
        hostRacks.append(rack)
        let nic = Self.bytesPerSecond(parameters.hostLink)
        let up = appendLink(LinkID(kind: .hostUp, index: host), nic)
        let down = appendLink(LinkID(kind: .hostDown, index: host), nic)
        let loopback = appendLink(LinkID(kind: .hostLoopback, index: host),
                                  Self.bytesPerSecond(parameters.intraHost))
        hostLinks.append((up, down, loopback))
        return host
    }

    /// The internal number of a link, or nil if the topology has no such link.
    func linkNumber(of link: LinkID) -> Int? {
        switch link.kind {
        case .hostUp, .hostDown, .hostLoopback:
            guard link.index >= 0 && link.index < hostCount else { return nil }
            let host = hostLinks[link.index]
            return Int(link.kind == .hostUp ? host.up : link.kind == .hostDown ? host.down : host.loopback)
        case .rackUp, .rackDown:
            guard link.index >= 0 && link.index < rackCount else { return nil }
            let number = link.kind == .rackUp ? rackLinks[link.index].up : rackLinks[link.index].down
            return number < 0 ? nil : Int(number)
        }
    }

    /// Host h's rack.
    public func rack(of host: HostIndex) -> RackIndex { hostRacks[host] }

    /// The route from `source` to `destination`, as docs/scenario.md describes it.
    public func route(from source: HostIndex, to destination: HostIndex) -> NetworkRoute {
        let path = linkPath(from: source, to: destination)
        return NetworkRoute(links: (0..<path.count).map { linkIDs[Int(path[$0])] }, latency: path.latency)
    }

    /// The internal link numbers of a route, and its latency.
    func linkPath(from source: HostIndex, to destination: HostIndex) -> LinkPath {
        precondition(source >= 0 && source < hostCount && destination >= 0 && destination < hostCount,
                     "NetworkTopology: no host \(source) or \(destination) (\(hostCount) hosts)")
        if source == destination { return LinkPath(hostLinks[source].loopback, latency: .zero) }
        let hop = parameters.latency
        let from = hostRacks[source], to = hostRacks[destination]
        if from == to || parameters.rackUplink == nil {
            return LinkPath(hostLinks[source].up, hostLinks[destination].down, latency: hop * 2)
        }
        let rackHop = parameters.rackUplinkLatency ?? hop
        return LinkPath(hostLinks[source].up, rackLinks[from].up, rackLinks[to].down,
                        hostLinks[destination].down, latency: hop * 2 + rackHop * 2)
    }

    private mutating func appendLink(_ id: LinkID, _ bytesPerSecond: Double) -> Int32 {
        precondition(linkIDs.count < Int(Int32.max), "NetworkTopology: too many links")
        linkIDs.append(id)
        nominalBytesPerSecond.append(bytesPerSecond)
        return Int32(linkIDs.count - 1)
    }

    static func bytesPerSecond(_ rate: Bandwidth?) -> Double {
        guard let rate else { return .infinity }
        precondition(rate.bitsPerSecond > 0, "NetworkTopology: a link rate must be positive")
        return rate.bytesPerSecond
    }
}

/// Up to four internal link numbers (a route's links) stored inline, and the route's
/// latency: flows keep one each, so it must not allocate.
struct LinkPath: Hashable, Sendable {
    private var l0: Int32 = -1, l1: Int32 = -1, l2: Int32 = -1, l3: Int32 = -1
    private(set) var count: Int
    let latency: SimDuration

    init(_ a: Int32, latency: SimDuration) {
        (l0, count, self.latency) = (a, 1, latency)
    }

    init(_ a: Int32, _ b: Int32, latency: SimDuration) {
        (l0, l1, count, self.latency) = (a, b, 2, latency)
    }

    init(_ a: Int32, _ b: Int32, _ c: Int32, _ d: Int32, latency: SimDuration) {
        (l0, l1, l2, l3, count, self.latency) = (a, b, c, d, 4, latency)
    }

    subscript(position: Int) -> Int32 {
        switch position {
        case 0: return l0
        case 1: return l1
        case 2: return l2
        default: return l3
        }
    }
}
