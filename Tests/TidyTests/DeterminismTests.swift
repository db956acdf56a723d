import Testing

/// The determinism bans of DESIGN.md "Non-negotiables" and STYLE.md habits 3, 4 and 9,
/// over the code that runs inside a simulation: Sim, Engine and Workloads.
@Suite("Determinism bans")
struct DeterminismTests {
    @Test func simEngineAndWorkloadsUseNoWallClockThreadsHashingOrUnseededRandomness() throws {
        var violations: [Violation] = []
        for folder in Rules.deterministicFolders {
            for file in Repository.swiftFiles(under: folder) {
                violations += patternViolations(Rules.determinism, source: try Repository.read(file), file: file)
            }
        }
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    /// One synthetic line per banned construct; each must be caught, by the rule of that name.
    @Test(arguments: [
        ("let start = Date()", "Date("),
        ("let start = Date.now", "Date.now"),
        ("let clock = ContinuousClock()", "ContinuousClock"),
        ("let clock = SuspendingClock()", "ContinuousClock"),
        ("clock_gettime(CLOCK_MONOTONIC, &ts)", "clock_gettime"),
        ("DispatchQueue.global().async {}", "DispatchQueue"),
        ("Thread.sleep(forTimeInterval: 1)", "Thread"),
        ("Task { await step() }", "Task {"),
        ("Task.detached { }", "Task {"),
        ("let order = ids.sorted { $0.hashValue < $1.hashValue }", ".hashValue"),
        ("var h = Hasher(); h.combine(name)", "Hasher"),
        ("var rng = SystemRandomNumberGenerator()", "SystemRandomNumberGenerator"),
        ("let delay = Int.random(in: 0..<10)", ".random("),
        ("let pick = offers.randomElement()", ".randomElement()"),
        ("let order = offers.shuffled()", ".shuffled()"),
        ("offers.shuffle()", ".shuffled()"),
        ("let s = \"at \\(Date())\"", "Date("),
    ])
    func eachBannedConstructIsCaught(line: String, rule: String) {
        let found = patternViolations(Rules.determinism, source: "// header\n" + line + "\n", file: "Sim/X.swift")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 2)
        #expect(found.first?.message.hasPrefix("`\(rule)` is banned here: ") == true, "\(found)")
    }

    @Test func messagesNameTheFileLineAndTheReplacement() {
        let found = patternViolations(
            Rules.determinism, source: "let x = Int.random(in: 0..<3)", file: "Sources/Sim/A.swift")
        let expected = "Sources/Sim/A.swift:1: `.random(` is banned here: draw from a named RandomStream"
        #expect(found.first?.description.hasPrefix(expected) == true, "\(found)")
    }

    @Test func commentsStringsAndNamedStreamsAreAllowed() {
        let source = #"""
            /// `Hasher` and `Date()` are never used here: see DESIGN.md.
            // DispatchQueue.main.async { }
            /* Thread.sleep(1) /* nested: Task { } */ still comment: .shuffled() */
            let message = "never call Date() or .random( inside the engine"
            let raw = #"a \"Date()\" in a raw string"#
            let multi = """
                ContinuousClock, .hashValue
                """
            func hash(into hasher: inout Hasher) { hasher.combine(id) }
            stream.shuffle(&offers)
            let threads = threadCount   // identifiers that merely contain a banned word
            let updated = lastDate(of: x)
            """#
        let found = patternViolations(Rules.determinism, source: source, file: "Engine/Y.swift")
        #expect(found.isEmpty, "\n\(report(found))")
    }

    @Test func standardLibrarySamplingIsBannedEvenWithAnExplicitGenerator() {
        // The standard library does not promise that its sampling algorithms stay the same
        // across toolchains, so `using:` would still tie results to the Swift version.
        let source = """
            let delay = Int.random(in: 0..<10, using: &generator)
            let order = offers.shuffled(using: &generator)
            """
        let found = patternViolations(Rules.determinism, source: source, file: "Sources/Engine/Y.swift")
        #expect(found.count == 2, "\n\(report(found))")
    }
}
