import Sim
import Testing
import Workloads

/// Horovod's point-to-point control plane (before PR #276): what rank 0's messages do to
/// the wakes and to when each fused buffer reaches the last rank.
@Suite struct TensorFusionControlPlaneTests {
    static func us(_ n: Int64) -> SimDuration { .microseconds(n) }

    @Test func eachBufferReachesTheLastRankAfterTheGatherAndOneSendPerWorkerPerResponse() {
        // 5 workers, 10 us per message: the gather takes 2 x 4 x 10 = 80 us, each response
        // 4 x 10 = 40 us, the closing "done" another 40 us, then the loop sleeps 5 ms.
        let fusion = TensorFusion(thresholdBytes: 100, cycleTime: .milliseconds(5), messageOverhead: Self.us(10))
        let buffers = fusion.buffers(bytes: [60, 60, 10], ready: [.zero, .zero, Self.us(100)], firstWake: .zero,
                                     workers: 5)
        #expect(buffers.map(\.tensors) == [0..<1, 1..<2, 2..<3])
        #expect(buffers[0].handedOver == Self.us(120) && buffers[1].handedOver == Self.us(160))
        // Next wake: 80 + 2 x 40 + 40 us of sends, then 5 ms of sleep.
        #expect(buffers[2].handedOver == Self.us(200) + .milliseconds(5) + Self.us(80 + 40))
    }

    @Test func idleLoopsLastTheCyclePlusOneMessageInAndOneOutPerWorker() {
        let fusion = TensorFusion(thresholdBytes: 100, cycleTime: .milliseconds(5), messageOverhead: Self.us(10))
        let buffers = fusion.buffers(bytes: [1], ready: [.milliseconds(6)], firstWake: .zero, workers: 5)
        // Idle loops of 5 ms + 80 us: the second wake (10.16 ms) is the first after 6 ms.
        #expect(buffers.map(\.handedOver) == [.milliseconds(10) + Self.us(160) + Self.us(80 + 40)])
    }

    @Test func oneWorkerOrFreeMessagesKeepTheWakesOnTheCycleGrid() {
        let ms = { (n: Int64) in SimDuration.milliseconds(n) }
        let ready = [ms(1), ms(2), ms(7), ms(12)]
        let free = TensorFusion(thresholdBytes: 100, cycleTime: ms(5)).buffers(
            bytes: [1, 1, 1, 1], ready: ready, firstWake: .zero, workers: 512)
        let alone = TensorFusion(thresholdBytes: 100, cycleTime: ms(5), messageOverhead: Self.us(10)).buffers(
            bytes: [1, 1, 1, 1], ready: ready, firstWake: .zero, workers: 1)
        #expect(free.map(\.handedOver) == [ms(5), ms(10), ms(15)])
        #expect(alone == free)
    }
}
