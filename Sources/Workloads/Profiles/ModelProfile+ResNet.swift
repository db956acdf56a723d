extension ModelProfile {
    /// ResNet-50 (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016,
    /// Table 1), as torchvision builds it (v1.5: stride 2 on the bottleneck's 3x3):
    /// 25,557,032 parameters and 4.09 GMACs per 224x224 image (torchvision's model table,
    /// `ResNet50_Weights.IMAGENET1K_V1`: 25.6M params, 4.09 GFLOPS counted as MACs).
    public static let resNet50 = resNet(name: "resnet-50", blocks: [3, 4, 6, 3], cited: "25,557,032 / 4.09 GMACs")

    /// ResNet-101 (He et al. 2016, Table 1), torchvision layout: 44,549,160 parameters and
    /// 7.80 GMACs per 224x224 image (torchvision's model table: 44.5M params, 7.8 GFLOPS).
    public static let resNet101 = resNet(name: "resnet-101", blocks: [3, 4, 23, 3],
                                         cited: "44,549,160 / 7.80 GMACs")

    /// Bottleneck ResNets: a 7x7 stem, four stages of bottleneck blocks (1x1, 3x3, 1x1 with
    /// a 1x1 projection on each stage's first block), global pooling, a 1000-way classifier.
    static func resNet(name: String, blocks: [Int], cited: String) -> ModelProfile {
        var b = LayerListBuilder()
        b.conv("conv1", 7, 3, 64, out: 112, stride: 2)
        var cin = 64, size = 56
        for (stage, count) in blocks.enumerated() {
            let width = 64 << stage
            for block in 0..<count {
                let stride = block == 0 && stage > 0 ? 2 : 1
                let out = size / stride
                let prefix = "layer\(stage + 1).\(block)"
                b.conv("\(prefix).conv1", 1, cin, width, out: size)
                b.conv("\(prefix).conv2", 3, width, width, out: out, stride: stride)
                b.conv("\(prefix).conv3", 1, width, 4 * width, out: out)
                if block == 0 { b.conv("\(prefix).downsample", 1, cin, 4 * width, out: out, stride: stride) }
                cin = 4 * width
                size = out
            }
        }
        b.fullyConnected("fc", 2048, 1000)
        return ModelProfile(
            name: name, input: "224x224x3 image", layers: b.layers,
            source: "He et al. 2016 (arXiv:1512.03385) Table 1; torchvision model table (\(cited))")
    }

    /// VGG-16 (Simonyan & Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
    /// Recognition", ICLR 2015, configuration D): 13 3x3 convolutions with biases and three
    /// fully connected layers; 138,357,544 parameters, of which fc6-fc8 hold 123,642,856,
    /// and 15.47 GMACs per 224x224 image (torchvision's model table: 138.4M, 15.47 GFLOPS).
    public static let vgg16: ModelProfile = {
        var b = LayerListBuilder()
        let convs: [(Int, Int)] = [(64, 224), (64, 224), (128, 112), (128, 112), (256, 56), (256, 56), (256, 56),
                                   (512, 28), (512, 28), (512, 28), (512, 14), (512, 14), (512, 14)]
        var cin = 3
        for (index, (cout, size)) in convs.enumerated() {
            b.conv("conv\(index + 1)", 3, cin, cout, out: size, batchNorm: false)
            cin = cout
        }
        b.fullyConnected("fc6", 512 * 7 * 7, 4096)
        b.fullyConnected("fc7", 4096, 4096)
        b.fullyConnected("fc8", 4096, 1000)
        return ModelProfile(
            name: "vgg-16", input: "224x224x3 image", layers: b.layers,
            source: "Simonyan & Zisserman 2015 (arXiv:1409.1556) config D; torchvision (138,357,544 / 15.47 GMACs)")
    }()
}
