import Foundation
import Testing
@testable import Lab

@Suite struct ValidFixtureTests {
    @Test(arguments: Fixtures.files("valid").map(\.lastPathComponent))
    func validFixtureLoads(_ name: String) throws {
        let path = Fixtures.path("valid/\(name)")
        do {
            let scenario = try ScenarioLoader.load(path: path)
            #expect(!scenario.name.isEmpty)
        } catch {
            Issue.record("\(name) should validate:\n\(error)")
        }
    }

    @Test func thereAreValidFixtures() {
        #expect(Fixtures.files("valid").count >= 1)
    }
}
