import Report

/// `published_efficiency:` *(sparksim)* of a `deep-learning` workload: the reference the
/// scenario re-creates, as data, so the report compares against it and the efficiency
/// figure draws it (never a number typed into a report):
///
/// ```yaml
/// published_efficiency:
///   source: Horovod docs/benchmarks.rst
///   points: [{model: resnet-101, gpus: 512, efficiency: 0.90}]
/// ```
struct PublishedEfficiencyDecoder: SectionDecoder {
    let sink: DecodingSink

    func decode(_ node: SourceNode, models: [String], scale: [Int]) -> PublishedEfficiencies? {
        guard let f = fields(node, context: "published_efficiency", allowed: ["source", "points"],
                             expected: "{source: text, points: [{model, gpus, efficiency}, ...]}") else { return nil }
        let source = required(f, "source", expected: "where the numbers come from").flatMap { text($0, "source") }
        guard let pointsNode = required(f, "points", expected: "a list of {model, gpus, efficiency}"),
              let items = list(pointsNode, "points", expected: "a list of {model, gpus, efficiency}")
        else { return nil }
        var points: [PublishedEfficiencies.Point] = []
        for item in items {
            guard let p = fields(item, context: "published point", allowed: ["model", "gpus", "efficiency"],
                                 expected: "{model: <one of models>, gpus: <one of scale_gpus>, efficiency: 0.9}")
            else { return nil }
            let model = required(p, "model", expected: "one of " + models.joined(separator: ", "))
                .flatMap { choice($0, "model", models) }
            let gpus = required(p, "gpus", expected: "one of scale_gpus").flatMap { node -> Int? in
                guard let value = int(node, "gpus", range: 1...1 << 20) else { return nil }
                guard scale.contains(value) else {
                    report(node.position, "published point at \(value) GPUs is not in scale_gpus",
                           expected: "one of " + scale.map(String.init).joined(separator: ", "))
                    return nil
                }
                return value
            }
            let efficiency = required(p, "efficiency", expected: "a fraction like 0.9").flatMap {
                double($0, "efficiency", expected: "a fraction in (0, 2], like 0.9") { $0 > 0 && $0 <= 2 }
            }
            guard let model, let gpus, let efficiency else { return nil }
            points.append(.init(model: model, gpus: gpus, efficiency: efficiency))
        }
        guard let source else { return nil }
        return PublishedEfficiencies(source: source, points: points)
    }
}
