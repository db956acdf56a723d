/// One layer of a network as training cost sees it: the parameters whose gradient it
/// produces and the multiply-adds its forward pass does for one sample.
///
/// Why per layer: Horovod allreduces each layer's gradient as soon as backpropagation has
/// produced it (fused with its neighbours, see `TensorFusion`), so where a model keeps its
/// parameters decides how much communication hides behind backward compute (VGG-16's
/// fully connected layers, produced first in backward, hold 90% of its weights).
public struct LayerProfile: Hashable, Sendable {
    /// `layer3.4.conv2`, `fc6`, `Mixed_6b.branch7x7_2`: the torchvision / paper name.
    public let name: String
    /// Trainable parameters (weights, biases, batch-norm scale and shift).
    public let parameters: Int64
    /// Forward multiply-accumulates for one sample.
    public let forwardMACs: Int64
    /// A 3x3 stride-1 convolution: the layers cuDNN runs with Winograd's algorithm, which
    /// needs fewer multiplications than the direct convolution counts (Lavin & Gray 2016).
    public let winogradEligible: Bool

    public init(name: String, parameters: Int64, forwardMACs: Int64, winogradEligible: Bool = false) {
        precondition(parameters >= 0 && forwardMACs >= 0, "LayerProfile: negative size in \(name)")
        self.name = name
        self.parameters = parameters
        self.forwardMACs = forwardMACs
        self.winogradEligible = winogradEligible
    }
}

/// A deep-learning model as a cost description: its layers in forward order, its input,
/// and the public source its numbers are checked against.
///
/// FLOPs follow the multiply-add convention: one multiply-accumulate = 2 FLOPs, so
/// `forwardFLOPsPerSample = 2 × forwardMACsPerSample`. Layer lists are derived from the
/// architecture definitions (kernel sizes, channels, output sizes), and their totals are
/// tested against the cited parameter counts and MAC counts.
public struct ModelProfile: Hashable, Sendable {
    /// The scenario spelling: `resnet-50`, `resnet-101`, `inception-v3`, `vgg-16`, `bert-base`.
    public let name: String
    /// What one sample is: `224x224x3 image`, `128-token sequence`.
    public let input: String
    /// Forward order; backward visits them in reverse.
    public let layers: [LayerProfile]
    /// Where the architecture and the reference totals come from.
    public let source: String

    public init(name: String, input: String, layers: [LayerProfile], source: String) {
        precondition(!layers.isEmpty, "ModelProfile: \(name) has no layers")
        self.name = name
        self.input = input
        self.layers = layers
        self.source = source
    }

    /// Trainable parameters of the whole model.
    public var parameters: Int64 { layers.reduce(0) { $0 + $1.parameters } }

    public var forwardMACsPerSample: Int64 { layers.reduce(0) { $0 + $1.forwardMACs } }

    /// `2 × forwardMACsPerSample` (FLOPs = 2 × MACs).
    public var forwardFLOPsPerSample: Int64 { 2 * forwardMACsPerSample }

    /// Forward FLOPs one sample costs through `layer` when eligible layers run with a
    /// Winograd algorithm that divides their multiplications by `winogradReduction`
    /// (1: direct convolution everywhere).
    ///
    /// - Complexity: O(1).
    public static func executedForwardFLOPs(_ layer: LayerProfile, winogradReduction: Int) -> Int64 {
        precondition(winogradReduction >= 1, "ModelProfile: Winograd reduction must be at least 1")
        let flops = 2 * layer.forwardMACs
        return layer.winogradEligible ? (flops + Int64(winogradReduction) - 1) / Int64(winogradReduction) : flops
    }

    /// Gradient sizes in the order backpropagation produces them (last layer first), in
    /// parameters; layers without parameters are skipped.
    public var gradientsInBackwardOrder: [(layer: String, parameters: Int64)] {
        layers.reversed().filter { $0.parameters > 0 }.map { ($0.name, $0.parameters) }
    }
}
