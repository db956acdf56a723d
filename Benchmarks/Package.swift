// swift-tools-version: 6.1
// Benchmarks for sparksim, as their own package so that the main package's build and
// `swift test` never pay for package-benchmark (STYLE.md habit 10: benchmarks live in
// their own executables, never as timed assertions).
//
// Run from this folder: swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "sparksim-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "sparksim", path: ".."),
        // MallocInterposer: package-benchmark's malloc counters without jemalloc; naming
        // the trait also turns off the default RuntimeInterposer trait, whose package
        // is not available offline.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Sim", package: "sparksim"),
                .product(name: "Report", package: "sparksim"),
            ],
            path: "Benchmarks/KernelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
