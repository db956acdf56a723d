import Sim

/// The `engine:` section: how the simulated deployment behaves beyond Spark's settings.
struct EngineDecoder: SectionDecoder {
    let sink: DecodingSink

    static let engineKeys = ["shuffle_offers", "task_launch_overhead", "control_plane", "barrier_poll_interval"]

    /// `engine:`; every key optional.
    func decodeEngine(_ node: SourceNode?) -> Scenario.EngineOptions {
        var options = Scenario.EngineOptions()
        guard let node, !node.isNull else { return options }
        guard let f = fields(node, context: "engine", allowed: Self.engineKeys) else { return options }
        if let v = f.present("shuffle_offers"), let b = bool(v, "shuffle_offers") { options.shuffleOffers = b }
        if let v = f.present("task_launch_overhead"), let d = duration(v, "task_launch_overhead") {
            options.taskLaunchOverhead = d
        }
        if let v = f.present("control_plane"), let costs = decodeControlPlane(v) { options.controlPlane = costs }
        if let v = f.present("barrier_poll_interval"), let d = duration(v, "barrier_poll_interval") {
            options.barrierPollInterval = d
        }
        return options
    }

    /// `control_plane:` `default`, `none`, or a mapping of cost names to durations; the
    /// costs a mapping does not name are those of its `base:` (`default` unless it says
    /// `none`), so `{base: none, task_launch: 2ms}` isolates one cost.
    func decodeControlPlane(_ node: SourceNode) -> ControlPlaneCosts? {
        let what = "engine.control_plane"
        if case .mapping = node {
            guard let f = fields(node, context: what, allowed: ["base"] + ControlPlaneCosts.names,
                                 expected: "default, none, or a mapping of cost names to durations") else { return nil }
            var costs = ControlPlaneCosts()
            if let v = f.present("base") {
                switch choice(v, "\(what).base", ["default", "none"]) {
                case "none": costs = .none
                case "default": break
                default: return nil
                }
            }
            for name in ControlPlaneCosts.durationNames {
                if let v = f.present(name), let d = duration(v, "\(what).\(name)") { costs[duration: name] = d }
            }
            if let v = f.present("executor_warmup"), let d = duration(v, "\(what).executor_warmup") {
                costs.executorWarmup = d
            }
            return costs
        }
        switch choice(node, what, ["default", "none"]) {
        case "default": return ControlPlaneCosts()
        case "none": return ControlPlaneCosts.none
        default: return nil
        }
    }
}
