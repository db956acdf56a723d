/// Reduce-task locality: the hosts that hold a large share of a reducer's input.
extension MapOutputTracker {
    /// `SHUFFLE_PREF_MAP_THRESHOLD`: above this many map partitions, no preference is computed.
    public static let shufflePrefMapThreshold = 1000
    /// `SHUFFLE_PREF_REDUCE_THRESHOLD`: likewise for reduce partitions.
    public static let shufflePrefReduceThreshold = 1000
    /// `REDUCER_PREF_LOCS_FRACTION`: a location must hold at least this share of a
    /// reducer's input to be preferred.
    public static let reducerPrefLocsFraction = 0.2

    /// The hosts a reduce task of this shuffle should prefer (Spark's
    /// `getPreferredLocationsForShuffle`).
    ///
    /// When locality is on and both the map and the reduce side have fewer than 1000
    /// partitions, a location (executor and host) is preferred when it holds at least 20%
    /// of the bytes destined for `reducer`, sizes as Spark's `CompressedMapStatus` reports
    /// them (see `MapStatusSizes`). Spark collects the locations in a hash map; here they
    /// come in the order of their first map partition, and a host listed by two
    /// executors appears once.
    ///
    /// - Complexity: O(map partitions).
    /// - Spark: `MapOutputTrackerMaster.getPreferredLocationsForShuffle`,
    ///   `getLocationsWithLargestOutputs`.
    public func preferredHostsForShuffle(_ key: String, reducer: Int, numReducers: Int,
                                         localityEnabled: Bool) -> [HostID] {
        guard localityEnabled, let shuffle = shuffles[key],
              shuffle.mapStatuses.count < Self.shufflePrefMapThreshold,
              numReducers < Self.shufflePrefReduceThreshold
        else { return [] }
        return Self.locationsWithLargestOutputs(shuffle.mapStatuses, reducer: reducer,
                                                fractionThreshold: Self.reducerPrefLocsFraction)
    }

    /// `getLocationsWithLargestOutputs`, reduced to hosts.
    static func locationsWithLargestOutputs(_ statuses: [MapStatus?], reducer: Int,
                                            fractionThreshold: Double) -> [HostID] {
        struct Location: Hashable {
            var executor: ExecutorID
            var host: HostID
        }
        var order: [Location] = []
        var bytes: [Location: Int64] = [:]
        var total: Int64 = 0
        for case let status? in statuses where status.sizesByReducer.indices.contains(reducer) {
            let size = MapStatusSizes.reported(status.sizesByReducer[reducer])
            guard size > 0 else { continue }
            let location = Location(executor: status.executor, host: status.host)
            if bytes[location] == nil { order.append(location) }
            bytes[location, default: 0] += size
            total += size
        }
        guard total > 0 else { return [] }
        var hosts: [HostID] = []
        for location in order where Double(bytes[location]!) / Double(total) >= fractionThreshold {
            if !hosts.contains(location.host) { hosts.append(location.host) }
        }
        return hosts
    }
}

/// The block sizes a map task reports, as Spark stores them: `CompressedMapStatus` keeps
/// one byte per reducer, `ceil(log_1.1(size))` capped at 255, and reads back
/// `1.1^byte` truncated to a whole number, so sizes come back rounded up by up to 10%.
/// Reduce locality weighs these reported sizes, not the exact ones.
///
/// Spark switches to `HighlyCompressedMapStatus` above 2000 reducers; reduce locality is
/// off above 1000, so only the compressed form matters here.
///
/// - Spark: `MapStatus.compressSize`, `MapStatus.decompressSize`, `LOG_BASE = 1.1`.
public enum MapStatusSizes {
    /// `1.1^k` for k in 0...255, by binary powering (within an ulp or two of the JVM's `Math.pow`).
    static let powers: [Double] = (0...255).map { exponent in
        var result = 1.0
        var base = 1.1
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            base *= base
            remaining >>= 1
        }
        return result
    }

    /// `compressSize`: 0 for 0, 1 for 1, else the least k with `1.1^k >= size`, at most 255.
    public static func compressed(_ size: Int64) -> Int {
        precondition(size >= 0, "MapStatusSizes: negative size \(size)")
        if size == 0 { return 0 }
        if size <= 1 { return 1 }
        let target = Double(size)
        var low = 1
        var high = 255
        if powers[high] < target { return high }
        while low < high {
            let middle = (low + high) / 2
            if powers[middle] >= target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// `decompressSize`: 0 for 0, else `1.1^k` truncated.
    public static func decompressed(_ compressed: Int) -> Int64 {
        precondition((0...255).contains(compressed), "MapStatusSizes: \(compressed) is not a byte")
        return compressed == 0 ? 0 : Int64(powers[compressed])
    }

    /// The size Spark's driver sees for a block of `size` bytes.
    public static func reported(_ size: Int64) -> Int64 { decompressed(compressed(size)) }
}
