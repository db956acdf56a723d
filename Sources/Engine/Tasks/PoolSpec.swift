/// One FAIR scheduler pool as the scenario's `pools:` declares it (Spark's
/// `fairscheduler.xml` entry), possibly with nested pools.
///
/// Spark's XML loader flattens pools under the root; nesting here is what Spark's `Pool`
/// class allows programmatically (PoolSuite's "Nested Pool Test").
public struct PoolSpec: Hashable, Sendable {
    public var name: String
    public var minShare: Int
    public var weight: Int
    /// How the pool orders its own children.
    public var schedulingMode: SparkConf.SchedulingMode
    public var children: [PoolSpec]

    public init(name: String, minShare: Int = 0, weight: Int = 1, schedulingMode: SparkConf.SchedulingMode = .fifo,
                children: [PoolSpec] = []) {
        precondition(minShare >= 0 && weight >= 0, "PoolSpec \(name): minShare \(minShare), weight \(weight)")
        self.name = name
        self.minShare = minShare
        self.weight = weight
        self.schedulingMode = schedulingMode
        self.children = children
    }

    /// Spark's `FairSchedulableBuilder.DEFAULT_POOL_NAME`.
    public static let defaultPoolName = "default"
}
