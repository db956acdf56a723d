/// One step of a straight-line process script.
public enum ScriptStep<Request> {
    /// Wait this long.
    case sleep(SimDuration)
    /// Wait until this instant.
    case sleepUntil(SimInstant)
    /// Wait for the next fire of this signal.
    case waitFor(SignalID)
    /// Perform this request and wait for it to complete.
    case perform(Request)
    /// Fire this signal and go on at once (does not wait).
    case fire(SignalID)
}

/// A process given as a list of steps, run in order: the convenience for activities
/// with no branches ("read input, compute, signal done"). Consecutive `.fire` steps
/// run in the same resume as the blocking step that follows them; after the last step
/// the process finishes.
public struct ScriptProcess<Request>: SimProcess {
    public let steps: [ScriptStep<Request>]
    /// Index of the next step to run.
    public private(set) var nextStep = 0

    public init(_ steps: [ScriptStep<Request>]) { self.steps = steps }

    public mutating func resume(_ reason: WakeReason, context: inout ProcessContext) -> ProcessAction<Request> {
        while nextStep < steps.count {
            let step = steps[nextStep]
            nextStep += 1
            switch step {
            case .sleep(let duration): return .sleep(duration)
            case .sleepUntil(let instant): return .sleepUntil(instant)
            case .waitFor(let signal): return .waitFor(signal)
            case .perform(let request): return .perform(request)
            case .fire(let signal): context.fire(signal)
            }
        }
        return .finish
    }
}
