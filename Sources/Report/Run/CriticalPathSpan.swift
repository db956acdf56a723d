/// One stretch of a training run's critical path: what it was doing (`compute`,
/// `allreduce`, `update`, `Python start-up`, `exchange`, ...) from when to when. Drawn as
/// slices on a `training` track of `trace.json`, so a barrier run's phases (start-up,
/// exchange, then per iteration compute, allreduce and update) show in Perfetto.
public struct CriticalPathSpan: Sendable, Equatable {
    public var part: String
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64

    public init(part: String, startNanoseconds: Int64, endNanoseconds: Int64) {
        self.part = part
        self.startNanoseconds = startNanoseconds
        self.endNanoseconds = endNanoseconds
    }
}

/// A named track of slices that are disjoint in time (a runtime's own activity, such as
/// Horovod's background thread or its NCCL stream), drawn on a thread of the driver's
/// process in `trace.json`.
public struct SpanTrack: Sendable, Equatable {
    public var name: String
    public var spans: [CriticalPathSpan]

    public init(name: String, spans: [CriticalPathSpan]) {
        self.name = name
        self.spans = spans
    }
}
