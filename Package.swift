// swift-tools-version:6.1
// sparksim: a deterministic simulation laboratory for Spark + deep learning.
// Module boundaries follow DESIGN.md: Engine never imports Sim; Sim knows nothing of
// Spark; Report reads plain records; Lab is the only module that knows both worlds.
import PackageDescription

let collections: [Target.Dependency] = [
    .product(name: "HeapModule", package: "swift-collections"),
    .product(name: "DequeModule", package: "swift-collections"),
    .product(name: "OrderedCollections", package: "swift-collections"),
    .product(name: "BitCollections", package: "swift-collections"),
]

/// Release builds drop Swift's run-time exclusivity checks (every access to a class's
/// stored property registers itself in a thread-local access set): 11% of the scheduler
/// benchmark's instructions (`results/bench/engine-2026-12-06.md`). Debug builds, and so
/// every test, keep them, and the compile-time checks apply to both.
let releaseSpeed: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// The C libraries that decompress event logs; only Lab reads event logs.
let eventLogCodecs: [Target.Dependency] = ["CZlib", "CZstd", "CLZ4", "CSnappy", "CXXHash", "CLZF"]

let package = Package(
    name: "sparksim",
    products: [
        .executable(name: "sparksim", targets: ["sparksim"]),
        .library(name: "Lab", targets: ["Lab"]),
        .library(name: "Sim", targets: ["Sim"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // Event-log codecs (Lab/EventLog/Reader): Spark compresses event logs with zstd, lz4,
        // snappy or lzf, and users gzip them; each is read with its reference C library.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        .systemLibrary(name: "CLZF", pkgConfig: "liblzf", providers: [.apt(["liblzf-dev"])]),
        .target(name: "Sim", dependencies: ["CGSL"] + collections, swiftSettings: releaseSpeed),
        // Cache prefetch hints for the engine's per-executor cells (Swift has no intrinsic).
        .target(name: "CPrefetch"),
        .target(name: "Engine", dependencies: ["CPrefetch"] + collections, swiftSettings: releaseSpeed),
        .target(name: "Workloads", dependencies: ["Engine", "Sim", "CGSL"], swiftSettings: releaseSpeed),
        .target(name: "Report", dependencies: ["CGSL"]),
        .target(
            name: "Lab",
            dependencies: ["Sim", "Engine", "Workloads", "Report", "CGSL",
                           .product(name: "Yams", package: "Yams")] + collections + eventLogCodecs,
            swiftSettings: releaseSpeed),
        .executableTarget(
            name: "sparksim",
            dependencies: ["Lab", "Sim", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "TestSupport", dependencies: ["Sim", "Engine"], path: "Tests/TestSupport"),
        .testTarget(name: "SimTests", dependencies: ["Sim", "TestSupport", "CGSL"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"]),
        .testTarget(
            name: "WorkloadsTests", dependencies: ["Workloads", "Sim", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "TestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "LabTests", dependencies: ["Lab", "Sim", "Engine", "Workloads", "Report", "TestSupport",
                                          .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]),
        .testTarget(name: "TidyTests", dependencies: ["TestSupport"]),
    ]
)
