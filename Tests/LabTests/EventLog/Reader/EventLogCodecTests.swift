import Testing
@testable import Lab

/// Every codec, in Spark's framing and the command-line tools', reads back to the plain
/// sample's lines, with the default chunk and with chunks so small that every line, block
/// and frame header is split across reads.
@Suite struct EventLogCodecTests {
    /// Fixtures holding the whole sample, by the framing they exercise.
    static let wholeSample = [
        "sample.jsonl",  // plain
        "sample.jsonl.gz",  // gzip
        "local-1764958163245.zstd",  // zstd, Spark's name
        "sample.zst",  // zstd, the tool's name
        "local-1764958163245.lz4",  // lz4-java LZ4BlockOutputStream (Spark)
        "sample-frame.lz4",  // LZ4 frame format (lz4 tool)
        "local-1764958163245.snappy",  // snappy-java SnappyOutputStream (Spark)
        "sample-framed.snappy",  // snappy framing format (snzip, python -m snappy)
        "local-1764958163245.lzf",  // compress-lzf LZFOutputStream (Spark's framing, liblzf's compressor)
        "spark-4.3-codec.lzf",  // written by Spark 4.3's LZFCompressionCodec itself
        "spark-4.3-codec.zstd",  // written by Spark 4.3's ZStdCompressionCodec itself
    ]

    static let tinyChunks = EventLogReadLimits(chunkBytes: 7, maxLineBytes: 1 << 20)

    @Test(arguments: wholeSample)
    func readsToTheSampleLines(_ name: String) throws {
        let path = EventLogFixtures.path(name)
        let (lines, cutOff) = try readAll(path)
        #expect(lines.map(\.text) == EventLogFixtures.sampleLines)
        #expect(lines.map(\.number) == Array(1...EventLogFixtures.sampleLines.count))
        #expect(lines.allSatisfy { $0.file == path })
        #expect(!cutOff)
    }

    @Test(arguments: wholeSample)
    func readsTheSameWithSevenByteChunks(_ name: String) throws {
        let (lines, _) = try readAll(EventLogFixtures.path(name), limits: Self.tinyChunks)
        #expect(lines.map(\.text) == EventLogFixtures.sampleLines)
    }

    @Test func theSampleHasALineLongerThanAChunk() {
        let longest = EventLogFixtures.sampleLines.map(\.utf8.count).max() ?? 0
        #expect(longest > EventLogReadLimits.standard.chunkBytes)
    }

    @Test func lz4JavaStoredBlocksRead() throws {
        let (lines, _) = try readAll(EventLogFixtures.path("stored-blocks.lz4"))
        #expect(lines.map(\.text) == EventLogFixtures.tailLines)
    }

    @Test(arguments: ["sample.jsonl.gz", "local-1764958163245.zstd", "local-1764958163245.lz4",
                      "sample-frame.lz4", "local-1764958163245.snappy", "local-1764958163245.lzf"])
    func concatenatedStreamsReadAsOneText(_ name: String) throws {
        // `cat a.gz b.gz`, zstd frames back to back, lz4-java and snappy-java streams one
        // after another (Spark reads concatenated streams): the text is the texts joined.
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let bytes = try EventLogFixtures.bytes(name)
        let path = try scratch.write(name, bytes + bytes)
        let (lines, _) = try readAll(path, limits: Self.tinyChunks)
        #expect(lines.map(\.text) == EventLogFixtures.sampleLines + EventLogFixtures.sampleLines)
    }

    @Test func codecsAreChosenByTheNameAsSparkWritesIt() throws {
        let cases: [(String, EventLogCodec)] = [
            ("local-1", .plain), ("app.json", .plain), ("app.jsonl", .plain), ("app.log", .plain),
            ("app.txt", .plain), ("app.jsonl.gz", .gzip), ("app.zstd", .zstd), ("app.zst", .zstd),
            ("app.lz4", .lz4), ("app.snappy", .snappy), ("app.lzf", .lzf), ("app.ZSTD", .zstd),
            ("local-1.zstd.inprogress", .zstd), ("local-1.inprogress", .plain),
            ("events_3_app.lz4.compact", .lz4), ("events_1_app-2", .plain), (".hidden", .plain),
        ]
        for (name, codec) in cases {
            #expect(try EventLogCodec.of(fileName: name) == codec, "\(name)")
        }
    }
}
