import Testing

/// The import direction of DESIGN.md, checked in the sources, each rule next to a
/// self-test that feeds its checker a violation (a checker that cannot fail proves
/// nothing).
@Suite("Module boundaries")
struct ModuleBoundaryTests {
    /// Runs an import ban over every Swift file of its folder.
    func check(_ ban: Rules.ImportBan) throws -> [Violation] {
        let files = Repository.swiftFiles(under: ban.folder)
        #expect(!files.isEmpty, "\(ban.folder) has no Swift files: has the module moved, or is the root wrong?")
        return try files.flatMap { try importViolations(ban, source: Repository.read($0), file: $0) }
    }

    // MARK: Engine (required by the issue): no Sim, Lab, Workloads, Report, CGSL, Foundation

    @Test func engineImportsNoSimLabWorkloadsReportCGSLNorFoundation() throws {
        let violations = try check(Rules.engineImports)
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    @Test func engineImportCheckerCatchesEveryImportForm() {
        let source = """
            import OrderedCollections
            import Sim
            @testable import Lab
            @preconcurrency import Foundation
            public import Report
            import struct CGSL.gsl_rng
            import DequeModule; import Workloads
            internal import FoundationEssentials
            // import Sim   (a comment is not an import)
            let text = "import Foundation"
            """
        let found = importViolations(Rules.engineImports, source: source, file: "Engine/Example.swift")
        #expect(found.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        #expect(found.first?.description
            == "Engine/Example.swift:2: `import Sim` is banned in Sources/Engine: "
                + "the engine sees the world only through the protocols in Engine/Environment; Lab adapts Sim to them")
    }

    // MARK: Sim, Report, Workloads

    @Test func simImportsNeitherEngineWorkloadsLabNorReport() throws {
        let violations = try check(Rules.simImports)
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    @Test func simImportCheckerCatchesAViolation() {
        let source = "import CGSL\nimport HeapModule\n@testable import Engine\nimport Report\n"
        #expect(importViolations(Rules.simImports, source: source, file: "x").map(\.line) == [3, 4])
    }

    @Test func reportImportsNeitherEngineSimWorkloadsNorLab() throws {
        let violations = try check(Rules.reportImports)
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    @Test func reportImportCheckerCatchesAViolation() {
        let source = "import Foundation\nimport CGSL\nimport Sim\nimport Lab\n"
        #expect(importViolations(Rules.reportImports, source: source, file: "x").map(\.line) == [3, 4])
    }

    @Test func workloadsImportsNeitherLabNorReport() throws {
        let violations = try check(Rules.workloadsImports)
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    @Test func workloadsImportCheckerCatchesAViolation() {
        let source = "import Engine\nimport Sim\nimport Report\n"
        #expect(importViolations(Rules.workloadsImports, source: source, file: "x").map(\.line) == [3])
    }

    @Test func workloadsNeverUseTheSimulationKernel() throws {
        let folder = Rules.workloadsImports.folder
        let violations = try Repository.swiftFiles(under: folder).flatMap {
            try patternViolations(Rules.workloadsKernelTypes, source: Repository.read($0), file: $0)
        }
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    @Test func kernelTypeCheckerCatchesAViolation() {
        let source = """
            let costs = SimulationCost()        // another name: allowed
            func run(_ sim: inout Simulation) {}
            var queue = EventQueue<Int>()
            /// Never touches the Simulation directly.
            """
        let found = patternViolations(Rules.workloadsKernelTypes, source: source, file: "W.swift")
        #expect(found.map(\.line) == [2, 3])
    }
}
