/// The project's tidy rules as data: which module may not import what, which
/// constructs are banned where, and the size limit. Each entry says what to do instead.
/// Sources: DESIGN.md ("Modules and the direction of imports", "Non-negotiables") and
/// STYLE.md ("Dependency direction", habits 4 and 9).
enum Rules {
    /// A source folder and the modules it must never import, each with the reason.
    struct ImportBan: Sendable {
        let folder: String
        let banned: [(module: String, reason: String)]
    }

    static let engineImports = ImportBan(folder: "Sources/Engine", banned: [
        ("Sim", "the engine sees the world only through the protocols in Engine/Environment; Lab adapts Sim to them"),
        ("Lab", "Lab wires the engine, never the reverse"),
        ("Workloads", "workloads depend on the engine, never the reverse"),
        ("Report", "emit trace events through the injected trace sink; Lab turns them into Report rows"),
        ("CGSL", "randomness reaches the engine only as the injected SchedulerRandom"),
        ("Foundation", "the engine uses the standard library and swift-collections only, so it runs anywhere"),
        ("FoundationEssentials", "the engine uses the standard library and swift-collections only"),
        ("FoundationInternationalization", "the engine uses the standard library and swift-collections only"),
        ("Dispatch", "no queues or threads in the engine; request a timer from the injected timer service"),
    ])

    static let simImports = ImportBan(folder: "Sources/Sim", banned: [
        ("Engine", "Sim knows nothing of Spark; Lab adapts Sim to Engine.Environment"),
        ("Workloads", "Sim knows nothing of Spark; Workloads may import Sim, not the reverse"),
        ("Lab", "Lab is the glue above Sim, never below it"),
        ("Report", "Sim produces plain values; Lab turns them into Report rows"),
    ])

    static let reportImports = ImportBan(folder: "Sources/Report", banned: [
        ("Engine", "Report reads plain records; Lab converts engine events into them"),
        ("Sim", "Report reads plain records; Lab converts simulation results into them"),
        ("Workloads", "Report reads plain records; Lab converts workload results into them"),
        ("Lab", "Lab calls Report, never the reverse"),
    ])

    static let workloadsImports = ImportBan(folder: "Sources/Workloads", banned: [
        ("Lab", "Lab runs workloads, never the reverse"),
        ("Report", "workloads produce results; Lab turns them into Report rows"),
    ])

    /// Workloads may use Sim's random streams and cost vocabulary, but not the kernel.
    static let workloadsKernelTypes = [
        PatternRule("Simulation", #"\bSimulation\b"#,
                    advice: "describe the cost (FLOPs, bytes, collectives); Lab turns it into simulation events"),
        PatternRule("EventQueue", #"\bEventQueue\b"#,
                    advice: "describe the cost (FLOPs, bytes, collectives); Lab schedules the events"),
    ]

    /// Folders whose code runs inside a simulation and must be deterministic.
    static let deterministicFolders = ["Sources/Sim", "Sources/Engine", "Sources/Workloads"]

    static let useVirtualTime = "read virtual time from the injected clock (Engine's clock, Sim's `Simulation.now`)"
    static let useOneThread =
        "a simulation runs on one thread; parallelism lives only in Lab's sweeps of independent runs"
    static let useStream = "draw from a named RandomStream (RandomStreams.stream(named:))"

    static let determinism = [
        PatternRule("Date(", #"\bDate\s*\("#, advice: useVirtualTime),
        PatternRule("Date.now", #"\bDate\.now\b"#, advice: useVirtualTime),
        PatternRule("ContinuousClock", #"\b(Continuous|Suspending)Clock\b"#, advice: useVirtualTime),
        PatternRule("clock_gettime", #"\b(clock_gettime|gettimeofday)\b"#, advice: useVirtualTime),
        PatternRule("DispatchQueue", #"\bDispatchQueue\b"#, advice: useOneThread),
        PatternRule("Thread", #"\bThread\b"#, advice: useOneThread),
        PatternRule("Task {", #"\bTask\s*\{|\bTask\.detached\b"#,
                    advice: "no unstructured tasks: schedule a simulation event or request a timer"),
        PatternRule(".hashValue", #"\.hashValue\b"#,
                    advice: "hash values change from process to process: "
                        + "order by stable ids, derive seeds with RandomStreams"),
        // `func hash(into hasher: inout Hasher)` is how a type joins Set/Dictionary lookups,
        // which is allowed; creating or feeding a Hasher to get a number is not.
        PatternRule("Hasher", #"(?<!inout )\bHasher\b"#,
                    advice: "Hasher is seeded per process: "
                        + "derive seeds with RandomStreams' fixed function (SplitMix64 over FNV-1a)"),
        PatternRule("SystemRandomNumberGenerator", #"\bSystemRandomNumberGenerator\b"#, advice: useStream),
        // Even with `using:`, the standard library's sampling algorithms are not promised to
        // stay the same across Swift versions, so results would change with the toolchain.
        PatternRule(".random(", #"\.random\("#, advice: useStream + ": stream.uniform() / stream.integer(below:)"),
        PatternRule(".randomElement()", #"\.randomElement\("#,
                    advice: useStream + ": array[stream.integer(below: array.count)]"),
        PatternRule(".shuffled()", #"\.shuffled\(|\.shuffle\(\s*(\)|using:)"#, advice: useStream + ": stream.shuffle(&array)"),
    ]

    /// The most lines a Swift file under Sources/ may have (STYLE.md habit 9).
    static let maximumLines = 400
}
