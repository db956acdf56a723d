import Testing
@testable import Sim

@Suite("PHOLD")
struct PholdTests {
    @Test("the same parameters give the same checksum and simulated time")
    func deterministic() {
        let parameters = PholdParameters(lps: 50, perLP: 4, events: 20_000, seed: 3)
        let first = runPhold(parameters)
        let second = runPhold(parameters)
        #expect(first == second)
        #expect(first.events == 20_000)
        // 200 events in flight, each delay Exp(1): about 20_000 / 200 = 100 s of virtual time.
        #expect(first.simulatedTime > SimInstant.zero + .seconds(80))
        #expect(first.simulatedTime < SimInstant.zero + .seconds(120))
        #expect(runPhold(PholdParameters(lps: 50, perLP: 4, events: 20_000, seed: 4)) != first)
    }

    @Test("with one LP the checksum is the peers' FNV step over the single count")
    func checksumMatchesPythonDefinition() {
        let result = runPhold(lps: 1, perLP: 3, events: 7, seed: 1)
        // python3: h = 1469598103934665603; h = ((h ^ 7) * 1099511628211) % 2**64
        #expect(result.checksum == 4_953_164_456_164_915_532)
        #expect(result.events == 7)
    }

    @Test("zero events leaves the clock at zero; no initial events means nothing runs")
    func edgeCases() {
        #expect(runPhold(lps: 10, perLP: 2, events: 0, seed: 1).simulatedTime == .zero)
        #expect(runPhold(lps: 10, perLP: 0, events: 100, seed: 1).events == 0)
    }
}
