import Foundation
import Sim
import Testing
import TestSupport
import Workloads

@Suite("Data: partitioning, CSV, synthetic sets")
struct DataTests {
    @Test("rows are sliced into partitions exactly as Spark's ParallelCollectionRDD")
    func sparkSlicing() {
        #expect(SparkPartitioning.slices(count: 10, partitions: 3) == [0..<3, 3..<6, 6..<10])
        #expect(SparkPartitioning.slices(count: 2, partitions: 4) == [0..<0, 0..<1, 1..<1, 1..<2])
        #expect(SparkPartitioning.slices(count: 200_000, partitions: 8).map(\.count).allSatisfy { $0 == 25_000 })
        // 64-bit products: i * length overflows 32 bits here, as Spark avoids with Long.
        let big = SparkPartitioning.slices(count: 3_000_000_000, partitions: 7)
        #expect(big[3] == 1_285_714_285..<1_714_285_714)
    }

    @Test("CSV: quoted fields, CRLF, blank lines; label column anywhere")
    func csvParses() throws {
        let text = "\"a,b\",label,c\r\n1.5,1,\"2\"\r\n\r\n-3,0,4e2\r\n"
        let data = try Dataset.parseCSV(text, label: "label")
        #expect(data.featureNames == ["a,b", "c"])
        #expect(data.values == [1.5, 2, -3, 400])
        #expect(data.labels == [1, 0])
    }

    @Test("CSV errors name the line and the column")
    func csvErrors() {
        #expect(throws: DatasetError.notANumber(line: 3, column: "x", text: "abc")) {
            try Dataset.parseCSV("x,y\n1,0\nabc,1\n", label: "y")
        }
        #expect(throws: DatasetError.notABinaryLabel(line: 2, column: "y", text: "2")) {
            try Dataset.parseCSV("x,y\n1,2\n", label: "y")
        }
        #expect(throws: DatasetError.wrongFieldCount(line: 3, expected: 2, found: 3)) {
            try Dataset.parseCSV("x,y\n1,0\n1,0,5\n", label: "y")
        }
        #expect(throws: DatasetError.unterminatedQuote(line: 2)) {
            try Dataset.parseCSV("x,y\n\"1,0\n", label: "y")
        }
        #expect(throws: DatasetError.missingLabelColumn(label: "z", header: ["x", "y"])) {
            try Dataset.parseCSV("x,y\n1,0\n", label: "z")
        }
        #expect(throws: DatasetError.noRows) { try Dataset.parseCSV("x,y\n", label: "y") }
        // A quoted field spanning lines: the error after it counts the embedded break.
        #expect(throws: DatasetError.notANumber(line: 4, column: "x\nx", text: "q")) {
            try Dataset.parseCSV("\"x\nx\",y\n1,0\nq,1\n", label: "y")
        }
    }

    @Test("synthetic classification: the same seed gives the same rows; the Bayes accuracy is in (0.5, 1)")
    func syntheticIsDeterministic() {
        let a = SyntheticClassification(rows: 500, features: 4, streams: RandomStreams(seed: 9))
        let b = SyntheticClassification(rows: 500, features: 4, streams: RandomStreams(seed: 9))
        #expect(a.dataset == b.dataset && a.trueWeights == b.trueWeights)
        #expect(a.bayesAccuracy > 0.5 && a.bayesAccuracy < 1)
        #expect(abs(a.trueModelAccuracy - a.bayesAccuracy) < 0.07)
        // More rows never change the true model (its own stream).
        let c = SyntheticClassification(rows: 900, features: 4, streams: RandomStreams(seed: 9))
        #expect(c.trueWeights == a.trueWeights && c.trueIntercept == a.trueIntercept)
    }
}

/// A data file too large to read whole is refused before it is read (issue 15).
@Suite struct DataFileLimitTests {
    @Test func aFileOverTheLimitIsRefusedUnread() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(DatasetError.maxFileBytes) + 1)  // sparse
        try handle.close()
        #expect(throws: DatasetError.tooLarge(path: path, bytes: DatasetError.maxFileBytes + 1)) {
            _ = try Dataset.loadCSV(path: path, label: "label")
        }
    }
}
