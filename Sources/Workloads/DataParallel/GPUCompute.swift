import Sim

/// How fast one GPU trains: its peak rate, the sustained fraction of it that training
/// reaches, and the Winograd reduction cuDNN applies to 3x3 stride-1 convolutions.
///
/// Why three numbers and not a measured throughput per model: the scaling experiment
/// must not be fitted per model. One sustained fraction for every model is physical
/// only if the work is counted as the GPU executes it: cuDNN runs 3x3 stride-1
/// convolutions with Winograd's F(4x4, 3x3), 36 multiplications for 16 outputs instead
/// of 144 (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016),
/// so VGG-16 (99% of its MACs in such layers) reaches 154 images/s on a P100 although its
/// direct count would need 14.3 TFLOPS of a 10.6 TFLOPS GPU. Counted that way, the
/// TensorFlow benchmark's P100 numbers (ResNet-50 219, ResNet-152 91.8, Inception V3 142,
/// VGG-16 154 images/s, batch 64) all sit at 0.33-0.39 of peak (see README).
public struct GPUCompute: Hashable, Sendable {
    /// Peak rate of one GPU at the training precision (`cluster.gpu.flops`).
    public var peak: FlopRate
    /// The sustained fraction of `peak` on executed FLOPs.
    public var efficiency: Efficiency
    /// Multiplications divided by this on Winograd-eligible layers (4: F(4x4, 3x3); 1: none).
    public var winogradReduction: Int

    public init(peak: FlopRate, efficiency: Efficiency, winogradReduction: Int = 4) {
        precondition(winogradReduction >= 1, "GPUCompute: Winograd reduction must be at least 1")
        self.peak = peak
        self.efficiency = efficiency
        self.winogradReduction = winogradReduction
    }

    /// Executed forward FLOPs of `layer` for `samples` samples.
    public func forwardFLOPs(_ layer: LayerProfile, samples: Int) -> Int64 {
        ModelProfile.executedForwardFLOPs(layer, winogradReduction: winogradReduction) * Int64(samples)
    }

    /// The time `flops` take at `peak × efficiency`, rounded up to the nanosecond.
    public func duration(flops: Int64) -> SimDuration {
        ComputeCost.duration(flops: flops, rate: peak, efficiency: efficiency)
    }
}
