import Sim
import Testing
import Workloads
@testable import Lab

/// `kind: kmeans` and `kind: gbt` through the runner: both styles reach the same model in
/// the same iterations; task-parallel runs one job per pass, barrier runs one job.
@Suite struct TrainingKindsRunTests {
    static func compare(_ kind: String, _ keys: String) -> String {
        """
        name: \(kind)-compare
        seed: 3
        cluster: {master: "local[4]"}
        engine: {task_launch_overhead: 5ms}
        compare:
          - {variant: mllib, kind: \(kind), style: task-parallel, partitions: 4, \(keys)}
          - {variant: hydrogen, kind: \(kind), style: barrier-allreduce, partitions: 4, exchange: arrow, \(keys)}
        """
    }

    static let kMeansKeys = "data: {rows: 1200, features: 2, clusters: 5, spread: 4}, k: 6, max_iter: 30"
    static let gbtKeys = "data: {rows: 1500, features: 4}, num_trees: 4, max_depth: 3, max_bins: 16"

    /// Per variant: its rows of iterations.csv (iteration, objective) and its jobs.
    struct VariantResult {
        var iterations: [(Int, Double)]
        var jobs: Int
        var tasks: Int
    }

    static func run(_ yaml: String) throws -> (Scenario, [String: VariantResult]) {
        let scenario = try ScenarioLoader.load(text: yaml, file: "kinds.yaml")
        let folder = Runner.run(scenario)
        let file = { (name: String) in folder.files.first { $0.name == name }?.contents ?? "" }
        #expect(file("iterations.csv").hasPrefix("variant,iteration,time_ns,objective\n"))
        #expect(file("iteration_costs.csv").hasPrefix("variant,iteration,time_ns,accuracy,"))
        var results: [String: VariantResult] = [:]
        for line in file("summary.csv").split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            results[f[1]] = VariantResult(iterations: [], jobs: Int(f[4])!, tasks: Int(f[6])!)
        }
        for line in file("iterations.csv").split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            results[f[0]]?.iterations.append((Int(f[1])!, Double(f[3])!))
        }
        return (scenario, results)
    }

    /// The passes a trainer makes when driven to the end without time.
    static func passCount(_ trainer: some PartitionedTrainer, partitions: Int, rows: Int) -> Int {
        var trainer = trainer
        let slices = SparkPartitioning.slices(count: rows, partitions: partitions)
        var passes = 0
        while let pass = trainer.nextPass() {
            passes += 1
            let partials = slices.map { trainer.partialResult(of: pass, rows: $0) }
            let sum = partials.dropFirst().reduce(partials[0]) { zip($0, $1).map(+) }
            _ = trainer.complete(pass, sum: sum)
        }
        return passes
    }

    static func expectSameModel(_ results: [String: VariantResult], passes: Int) throws {
        let mllib = try #require(results["mllib"]), hydrogen = try #require(results["hydrogen"])
        #expect(mllib.iterations.map(\.0) == hydrogen.iterations.map(\.0))
        #expect(mllib.iterations.count > 4)
        for (a, b) in zip(mllib.iterations, hydrogen.iterations) {
            #expect(abs(a.1 - b.1) <= 1e-9 * abs(b.1), "iteration \(a.0): \(a.1) vs \(b.1)")
        }
        #expect(mllib.jobs == passes)
        #expect(hydrogen.jobs == 1 && hydrogen.tasks == 4)
    }

    func checkKMeans(_ keys: String) throws {
        let (scenario, results) = try Self.run(Self.compare("kmeans", keys))
        guard case .kMeans(let workload) = scenario.variants[0].workload else {
            Issue.record("not kmeans")
            return
        }
        let trainer = TrainingKindsRun.kMeansTrainer(workload, streams: RandomStreams(seed: 3))
        try Self.expectSameModel(results, passes: Self.passCount(trainer, partitions: 4, rows: 1200))
        let costs = try #require(results["mllib"]).iterations.map(\.1)
        #expect(zip(costs, costs.dropFirst()).allSatisfy { $1 <= $0 * (1 + 1e-12) })
    }

    @Test func kMeansBothStylesReachTheSameCostInTheSameIterations() throws {
        try checkKMeans(Self.kMeansKeys)
    }

    @Test func kMeansWithRandomInitialisationToo() throws {
        try checkKMeans(Self.kMeansKeys + ", init: random")
    }

    @Test func gradientBoostedTreesBothStylesReachTheSameLossTreeByTree() throws {
        let (scenario, results) = try Self.run(Self.compare("gbt", Self.gbtKeys))
        guard case .gradientBoostedTrees(let workload) = scenario.variants[0].workload else {
            Issue.record("not gbt")
            return
        }
        let trainer = TrainingKindsRun.gradientBoostedTreesTrainer(workload, streams: RandomStreams(seed: 3))
        try Self.expectSameModel(results, passes: Self.passCount(trainer, partitions: 4, rows: 1500))
        let losses = try #require(results["mllib"]).iterations
        #expect(losses.map(\.0) == Array(0...4))  // iteration t: the log-loss after t trees
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $1.1 < $0.1 })
    }
}
