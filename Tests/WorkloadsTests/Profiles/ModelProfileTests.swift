import Sim
import Testing
import Workloads

/// Profiles against their cited totals, and the step model's defining properties.
@Suite struct ModelProfileTests {
    @Test(arguments: [
        ("resnet-50", Int64(25_557_032), Int64(4_089_184_256)),
        ("resnet-101", 44_549_160, 7_801_405_440),
        ("inception-v3", 27_161_264, 5_718_899_296),
        ("vgg-16", 138_357_544, 15_470_264_320),
    ])
    func convolutionalProfilesMatchTorchvisionsCounts(_ name: String, _ parameters: Int64, _ macs: Int64) throws {
        let profile = try #require(ModelProfile.named(name))
        #expect(profile.parameters == parameters)
        #expect(profile.forwardMACsPerSample == macs)
        #expect(profile.forwardFLOPsPerSample == 2 * macs)
    }

    @Test func bertBaseHasHuggingFacesParameterCount() throws {
        let bert = try #require(ModelProfile.named("bert-base"))
        #expect(bert.parameters == 109_482_240)
        #expect(bert.gradientsInBackwardOrder.first?.layer == "pooler")
        #expect(bert.gradientsInBackwardOrder.last?.layer == "embeddings")
    }

    @Test func vggKeepsNineTenthsOfItsWeightsInTheFullyConnectedLayersProducedFirstInBackward() {
        let firstThree = ModelProfile.vgg16.gradientsInBackwardOrder.prefix(3)
        #expect(firstThree.map(\.layer) == ["fc8", "fc7", "fc6"])
        #expect(firstThree.reduce(0) { $0 + $1.parameters } == 123_642_856)
    }

    static let gpu = GPUCompute(peak: FlopRate(flopsPerSecond: 9_300_000_000_000), efficiency: Efficiency(0.36))

    @Test(arguments: ModelProfile.catalog)
    func oneWorkerIsPureComputeExactly(_ profile: ModelProfile) {
        let model = DataParallelStepModel(profile: profile, batchSize: 64, gpu: Self.gpu)
        let plan = model.plan(workers: 1)
        #expect(plan.buffers.isEmpty)
        let timing = DataParallelStepModel.timing(plan) { _ in .seconds(1000) }
        #expect(timing.step == plan.compute + plan.update)
        let executed = profile.layers.reduce(Int64(0)) { $0 + Self.gpu.forwardFLOPs($1, samples: 64) }
        #expect(plan.forward == Self.gpu.duration(flops: executed))
    }

    @Test(arguments: ModelProfile.catalog)
    func overlapIsNeverSlowerThanAllreducingAfterBackward(_ profile: ModelProfile) {
        for workers in [2, 8, 64, 512] {
            let cost = { (bytes: Int64) in SimDuration.nanoseconds(bytes / 3 + 40_000) }
            let on = DataParallelStepModel(profile: profile, batchSize: 32, gpu: Self.gpu, overlap: true)
            let off = DataParallelStepModel(profile: profile, batchSize: 32, gpu: Self.gpu, overlap: false)
            let withOverlap = DataParallelStepModel.timing(on.plan(workers: workers), allreduce: cost).step
            let without = DataParallelStepModel.timing(off.plan(workers: workers), allreduce: cost).step
            #expect(withOverlap <= without, "\(profile.name) at \(workers) workers")
        }
    }

    @Test func fusionCutsBuffersAtTheThresholdAndAtEachWake() {
        let fusion = TensorFusion(thresholdBytes: 100, cycleTime: .milliseconds(5))
        let ms = { (n: Int64) in SimDuration.milliseconds(n) }
        let buffers = fusion.buffers(bytes: [60, 30, 20, 150, 10, 10],
                                     ready: [ms(1), ms(2), ms(4), ms(6), ms(6), ms(12)], firstWake: .zero)
        #expect(buffers.map(\.tensors) == [0..<2, 2..<3, 3..<4, 4..<5, 5..<6])
        #expect(buffers.map(\.bytes) == [90, 20, 150, 10, 10])
        #expect(buffers.map(\.handedOver) == [ms(5), ms(5), ms(10), ms(10), ms(15)])
    }

    @Test func withoutCycleTimeABufferLeavesWhenItsLastGradientIsReady() {
        let fusion = TensorFusion(thresholdBytes: 64 << 20, cycleTime: .zero)
        let buffers = fusion.buffers(bytes: [1, 2, 3], ready: [.milliseconds(1), .milliseconds(2), .milliseconds(3)],
                                     firstWake: .zero)
        #expect(buffers.map(\.handedOver) == [.milliseconds(1), .milliseconds(2), .milliseconds(3)])
    }

    @Test func everyGradientByteIsAllreducedOnce() {
        for profile in ModelProfile.catalog {
            let model = DataParallelStepModel(profile: profile, batchSize: 64, gpu: Self.gpu)
            let plan = model.plan(workers: 16)
            #expect(plan.buffers.reduce(0) { $0 + $1.bytes } == 4 * profile.parameters)
            #expect(plan.buffers.allSatisfy { $0.bytes <= 64 << 20 || $0.tensors.count == 1 })
        }
    }
}
