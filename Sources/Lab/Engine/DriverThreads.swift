import Sim

/// The driver's threads as servers of control-plane work: the scheduling thread (Spark's
/// DAGScheduler event loop and scheduler-backend endpoint, modelled as one thread that
/// does one thing at a time) and the result-getter pool (`spark.resultGetter.threads`).
///
/// Work is served first come, first served: a piece of work asked for at `now` starts
/// when its server is next free and the returned instant is when it is done. With every
/// cost zero nothing ever waits, so the idealised control plane adds no time at all.
struct DriverThreads {
    /// When the scheduling thread is next free.
    private(set) var schedulerFreeAt = SimInstant.zero
    /// When each result-getter thread is next free, by thread index.
    private var resultGettersFreeAt: [SimInstant]

    init(resultGetterThreads: Int) {
        precondition(resultGetterThreads >= 1, "DriverThreads: needs at least one result-getter thread")
        resultGettersFreeAt = Array(repeating: .zero, count: resultGetterThreads)
    }

    /// Serves `cost` on the scheduling thread from `now`; returns when it is done.
    mutating func onScheduler(_ cost: SimDuration, at now: SimInstant) -> SimInstant {
        let done = max(now, schedulerFreeAt) + cost
        schedulerFreeAt = done
        return done
    }

    /// Serves `cost` on the result-getter thread free soonest (lowest index on a tie) from
    /// `now`; returns when it is done.
    mutating func onResultGetter(_ cost: SimDuration, at now: SimInstant) -> SimInstant {
        var best = 0
        for index in resultGettersFreeAt.indices where resultGettersFreeAt[index] < resultGettersFreeAt[best] {
            best = index
        }
        let done = max(now, resultGettersFreeAt[best]) + cost
        resultGettersFreeAt[best] = done
        return done
    }
}
