/// Builds a layer list from an architecture's shapes, so parameter and MAC counts follow
/// from kernel sizes and channel counts instead of being typed in.
///
/// Conventions (torchvision's): a convolution has `kh·kw·cin·cout` weights, a bias of
/// `cout` when it has no batch norm, and batch norm adds a scale and a shift per output
/// channel; its MACs are `kh·kw·cin·cout·hout·wout`. A fully connected layer has
/// `cin·cout` weights and `cout` biases.
struct LayerListBuilder {
    private(set) var layers: [LayerProfile] = []

    /// A convolution with a `kernel` (height, width) producing `cout` channels of
    /// `output` (height, width); `stride` only decides Winograd eligibility (3x3, stride 1).
    mutating func conv(_ name: String, kernel: (Int, Int), _ cin: Int, _ cout: Int, output: (Int, Int),
                       stride: Int = 1, batchNorm: Bool = true) {
        let weights = Int64(kernel.0 * kernel.1) * Int64(cin) * Int64(cout)
        let extra = Int64(batchNorm ? 2 * cout : cout)
        layers.append(LayerProfile(
            name: name, parameters: weights + extra, forwardMACs: weights * Int64(output.0 * output.1),
            winogradEligible: kernel == (3, 3) && stride == 1))
    }

    /// A square-kernel convolution with a square output.
    mutating func conv(_ name: String, _ k: Int, _ cin: Int, _ cout: Int, out: Int, stride: Int = 1,
                       batchNorm: Bool = true) {
        conv(name, kernel: (k, k), cin, cout, output: (out, out), stride: stride, batchNorm: batchNorm)
    }

    mutating func fullyConnected(_ name: String, _ cin: Int, _ cout: Int) {
        let weights = Int64(cin) * Int64(cout)
        layers.append(LayerProfile(name: name, parameters: weights + Int64(cout), forwardMACs: weights))
    }

    /// A layer given by its totals (embeddings, attention blocks).
    mutating func layer(_ name: String, parameters: Int64, macs: Int64) {
        layers.append(LayerProfile(name: name, parameters: parameters, forwardMACs: macs))
    }
}
