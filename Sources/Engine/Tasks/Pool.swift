/// The tree of pools and task set managers that orders task sets for each round
/// (Spark's `Pool`, `Schedulable`, `FIFOSchedulableBuilder`, `FairSchedulableBuilder`).
///
/// Pools are nodes in an array (root at 0); a child is a pool or a manager slot of the
/// task scheduler. Children keep insertion order, which breaks ties as Spark's stable
/// sort over its `ConcurrentLinkedQueue` does.
struct PoolTree {
    enum Child: Hashable {
        case pool(Int)
        case manager(Int)
    }

    struct Node {
        let name: String
        let mode: SparkConf.SchedulingMode
        let minShare: Int
        let weight: Int
        let parent: Int?
        var runningTasks = 0
        var children: [Child] = []
    }

    private(set) var nodes: [Node]
    private var poolByName: [String: Int] = [:]
    let isFair: Bool

    /// Root pool in `mode`; in FAIR mode the configured pools, then `default` if absent
    /// (`FairSchedulableBuilder.buildPools`).
    init(mode: SparkConf.SchedulingMode, pools: [PoolSpec]) {
        nodes = [Node(name: "", mode: mode, minShare: 0, weight: 0, parent: nil)]
        isFair = mode == .fair
        guard isFair else { return }
        for spec in pools { addPool(spec, under: 0) }
        if poolByName[PoolSpec.defaultPoolName] == nil {
            addPool(PoolSpec(name: PoolSpec.defaultPoolName), under: 0)
        }
    }

    @discardableResult
    private mutating func addPool(_ spec: PoolSpec, under parent: Int) -> Int {
        let id = nodes.count
        nodes.append(Node(name: spec.name, mode: spec.schedulingMode, minShare: spec.minShare, weight: spec.weight,
                          parent: parent))
        nodes[parent].children.append(.pool(id))
        if poolByName[spec.name] == nil { poolByName[spec.name] = id }
        for child in spec.children { addPool(child, under: id) }
        return id
    }

    /// The pool a task set joins: the root in FIFO mode; in FAIR mode the named pool, made
    /// under the root with minShare 0, weight 1, FIFO when unknown (`addTaskSetManager`).
    mutating func poolForTaskSet(named name: String) -> Int {
        guard isFair else { return 0 }
        if let id = poolByName[name] { return id }
        return addPool(PoolSpec(name: name), under: 0)
    }

    mutating func add(manager slot: Int, to pool: Int) {
        nodes[pool].children.append(.manager(slot))
    }

    mutating func remove(manager slot: Int, from pool: Int) {
        if let i = nodes[pool].children.firstIndex(of: .manager(slot)) { nodes[pool].children.remove(at: i) }
    }

    /// Propagates a change of a manager's running tasks up the chain of pools
    /// (`increaseRunningTasks` / `decreaseRunningTasks`).
    mutating func adjustRunningTasks(from pool: Int, by delta: Int) {
        guard delta != 0 else { return }
        var node: Int? = pool
        while let id = node {
            nodes[id].runningTasks += delta
            precondition(nodes[id].runningTasks >= 0, "pool \(nodes[id].name): negative running tasks")
            node = nodes[id].parent
        }
    }

    /// Schedulable managers in scheduling order (`getSortedTaskSetQueue`, filtered by
    /// `isSchedulable`).
    ///
    /// - Complexity: O(n log n) over the tree's children.
    func sortedManagers(_ managers: [TaskSetManager?]) -> [Int] {
        var result: [Int] = []
        appendSorted(pool: 0, managers, into: &result)
        return result
    }

    private func appendSorted(pool: Int, _ managers: [TaskSetManager?], into result: inout [Int]) {
        let children = nodes[pool].children
        let mode = nodes[pool].mode
        var sorted = children
        if children.count > 1 {
            let keys = children.enumerated().map { position, child in
                (child, SchedulingKey(child: child, position: position, tree: self, managers: managers, mode: mode))
            }
            sorted = keys.sorted { a, b in SchedulingAlgorithm.lessThan(a.1, b.1, mode: mode) }.map(\.0)
        }
        for child in sorted {
            switch child {
            case .pool(let id): appendSorted(pool: id, managers, into: &result)
            case .manager(let slot): if managers[slot]!.isSchedulable { result.append(slot) }
            }
        }
    }

    /// Every manager in tree order, without sorting (Spark iterates the queues this way
    /// for executor loss and speculation checks).
    func managersInTreeOrder() -> [Int] {
        var result: [Int] = []
        var stack: [Child] = nodes[0].children.reversed()
        while let child = stack.popLast() {
            switch child {
            case .pool(let id): stack.append(contentsOf: nodes[id].children.reversed())
            case .manager(let slot): result.append(slot)
            }
        }
        return result
    }
}

/// What FIFO and FAIR ordering read of a pool or task set (Spark's `Schedulable`).
struct SchedulingKey {
    let name: String
    let minShare: Int
    let weight: Int
    let runningTasks: Int
    /// FIFO: the job id for task sets, 0 for pools.
    let priority: Int
    /// FIFO tie-break: the stage id for task sets, -1 for pools.
    let stageID: Int
    /// Insertion position: Spark's stable sort keeps equal elements in queue order.
    let position: Int

    /// FIFO never reads the name, so a task set's (built by string interpolation) is left
    /// empty in FIFO mode.
    init(child: PoolTree.Child, position: Int, tree: PoolTree, managers: [TaskSetManager?],
         mode: SparkConf.SchedulingMode) {
        self.position = position
        switch child {
        case .pool(let id):
            let node = tree.nodes[id]
            (name, minShare, weight, runningTasks, priority, stageID) =
                (node.name, node.minShare, node.weight, node.runningTasks, 0, -1)
        case .manager(let slot):
            let manager = managers[slot]!
            (name, minShare, weight, runningTasks, priority, stageID) =
                (mode == .fair ? manager.name : "", 0, 1, manager.runningTasks, manager.taskSet.jobID.rawValue,
                 manager.taskSet.stage.stage.rawValue)
        }
    }
}

/// FIFO and FAIR comparators as pure functions (Spark's `SchedulingAlgorithm`).
enum SchedulingAlgorithm {
    static func lessThan(_ a: SchedulingKey, _ b: SchedulingKey, mode: SparkConf.SchedulingMode) -> Bool {
        let decided = mode == .fair ? fair(a, b) : fifo(a, b)
        if let decided { return decided }
        return a.position < b.position
    }

    /// `FIFOSchedulingAlgorithm`: priority (job id), then stage id; nil on a tie.
    static func fifo(_ a: SchedulingKey, _ b: SchedulingKey) -> Bool? {
        if a.priority != b.priority { return a.priority < b.priority }
        if a.stageID != b.stageID { return a.stageID < b.stageID }
        return nil
    }

    /// `FairSchedulingAlgorithm`: a needy schedulable (running < minShare) first; among
    /// needy ones the lower running / minShare, else the lower running / weight; then the
    /// name. Equal names (never between distinct schedulables) tie.
    static func fair(_ a: SchedulingKey, _ b: SchedulingKey) -> Bool? {
        let aNeedy = a.runningTasks < a.minShare
        let bNeedy = b.runningTasks < b.minShare
        if aNeedy && !bNeedy { return true }
        if !aNeedy && bNeedy { return false }
        let compare: Int
        if aNeedy && bNeedy {
            compare = javaCompare(Double(a.runningTasks) / max(Double(a.minShare), 1),
                                  Double(b.runningTasks) / max(Double(b.minShare), 1))
        } else {
            compare = javaCompare(Double(a.runningTasks) / Double(a.weight), Double(b.runningTasks) / Double(b.weight))
        }
        if compare != 0 { return compare < 0 }
        if a.name == b.name { return nil }
        return a.name < b.name
    }

    /// Java's `Double.compareTo`: NaN above everything and equal to itself.
    static func javaCompare(_ x: Double, _ y: Double) -> Int {
        if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : 1) : -1 }
        return x < y ? -1 : (x > y ? 1 : 0)
    }
}
