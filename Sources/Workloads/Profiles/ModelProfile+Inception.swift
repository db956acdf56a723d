extension ModelProfile {
    /// Inception V3 (Szegedy et al., "Rethinking the Inception Architecture for Computer
    /// Vision", CVPR 2016), as torchvision builds it for training (with the auxiliary
    /// classifier): 27,161,264 parameters and 5.71 GMACs per 299x299 image (torchvision's
    /// model table: 27.2M params, 5.71 GFLOPS counted as MACs).
    public static let inceptionV3: ModelProfile = {
        var b = LayerListBuilder()
        b.conv("Conv2d_1a_3x3", 3, 3, 32, out: 149, stride: 2)
        b.conv("Conv2d_2a_3x3", 3, 32, 32, out: 147)
        b.conv("Conv2d_2b_3x3", 3, 32, 64, out: 147)
        b.conv("Conv2d_3b_1x1", 1, 64, 80, out: 73)
        b.conv("Conv2d_4a_3x3", 3, 80, 192, out: 71)
        for (name, cin, pool) in [("Mixed_5b", 192, 32), ("Mixed_5c", 256, 64), ("Mixed_5d", 288, 64)] {
            inceptionA(&b, name, cin, pool)
        }
        b.conv("Mixed_6a.branch3x3", 3, 288, 384, out: 17, stride: 2)
        b.conv("Mixed_6a.branch3x3dbl_1", 1, 288, 64, out: 35)
        b.conv("Mixed_6a.branch3x3dbl_2", 3, 64, 96, out: 35)
        b.conv("Mixed_6a.branch3x3dbl_3", 3, 96, 96, out: 17, stride: 2)
        for (name, c7) in [("Mixed_6b", 128), ("Mixed_6c", 160), ("Mixed_6d", 160), ("Mixed_6e", 192)] {
            inceptionC(&b, name, c7)
        }
        b.conv("AuxLogits.conv0", 1, 768, 128, out: 5)
        b.conv("AuxLogits.conv1", 5, 128, 768, out: 1)
        b.fullyConnected("AuxLogits.fc", 768, 1000)
        b.conv("Mixed_7a.branch3x3_1", 1, 768, 192, out: 17)
        b.conv("Mixed_7a.branch3x3_2", 3, 192, 320, out: 8, stride: 2)
        b.conv("Mixed_7a.branch7x7x3_1", 1, 768, 192, out: 17)
        b.conv("Mixed_7a.branch7x7x3_2", kernel: (1, 7), 192, 192, output: (17, 17))
        b.conv("Mixed_7a.branch7x7x3_3", kernel: (7, 1), 192, 192, output: (17, 17))
        b.conv("Mixed_7a.branch7x7x3_4", 3, 192, 192, out: 8, stride: 2)
        inceptionE(&b, "Mixed_7b", 1280)
        inceptionE(&b, "Mixed_7c", 2048)
        b.fullyConnected("fc", 2048, 1000)
        return ModelProfile(
            name: "inception-v3", input: "299x299x3 image", layers: b.layers,
            source: "Szegedy et al. 2016 (arXiv:1512.00567); torchvision with AuxLogits (27,161,264 / 5.71 GMACs)")
    }()

    /// 35x35 module: 1x1; 1x1 -> 5x5; 1x1 -> 3x3 -> 3x3; pool -> 1x1.
    private static func inceptionA(_ b: inout LayerListBuilder, _ name: String, _ cin: Int, _ pool: Int) {
        b.conv("\(name).branch1x1", 1, cin, 64, out: 35)
        b.conv("\(name).branch5x5_1", 1, cin, 48, out: 35)
        b.conv("\(name).branch5x5_2", 5, 48, 64, out: 35)
        b.conv("\(name).branch3x3dbl_1", 1, cin, 64, out: 35)
        b.conv("\(name).branch3x3dbl_2", 3, 64, 96, out: 35)
        b.conv("\(name).branch3x3dbl_3", 3, 96, 96, out: 35)
        b.conv("\(name).branch_pool", 1, cin, pool, out: 35)
    }

    /// 17x17 module with factorised 7x7 convolutions (1x7 and 7x1) of `c7` channels.
    private static func inceptionC(_ b: inout LayerListBuilder, _ name: String, _ c7: Int) {
        let s = (17, 17)
        b.conv("\(name).branch1x1", kernel: (1, 1), 768, 192, output: s)
        b.conv("\(name).branch7x7_1", kernel: (1, 1), 768, c7, output: s)
        b.conv("\(name).branch7x7_2", kernel: (1, 7), c7, c7, output: s)
        b.conv("\(name).branch7x7_3", kernel: (7, 1), c7, 192, output: s)
        b.conv("\(name).branch7x7dbl_1", kernel: (1, 1), 768, c7, output: s)
        b.conv("\(name).branch7x7dbl_2", kernel: (7, 1), c7, c7, output: s)
        b.conv("\(name).branch7x7dbl_3", kernel: (1, 7), c7, c7, output: s)
        b.conv("\(name).branch7x7dbl_4", kernel: (7, 1), c7, c7, output: s)
        b.conv("\(name).branch7x7dbl_5", kernel: (1, 7), c7, 192, output: s)
        b.conv("\(name).branch_pool", kernel: (1, 1), 768, 192, output: s)
    }

    /// 8x8 module with split 1x3 / 3x1 branches.
    private static func inceptionE(_ b: inout LayerListBuilder, _ name: String, _ cin: Int) {
        let s = (8, 8)
        b.conv("\(name).branch1x1", kernel: (1, 1), cin, 320, output: s)
        b.conv("\(name).branch3x3_1", kernel: (1, 1), cin, 384, output: s)
        b.conv("\(name).branch3x3_2a", kernel: (1, 3), 384, 384, output: s)
        b.conv("\(name).branch3x3_2b", kernel: (3, 1), 384, 384, output: s)
        b.conv("\(name).branch3x3dbl_1", kernel: (1, 1), cin, 448, output: s)
        b.conv("\(name).branch3x3dbl_2", kernel: (3, 3), 448, 384, output: s)
        b.conv("\(name).branch3x3dbl_3a", kernel: (1, 3), 384, 384, output: s)
        b.conv("\(name).branch3x3dbl_3b", kernel: (3, 1), 384, 384, output: s)
        b.conv("\(name).branch_pool", kernel: (1, 1), cin, 192, output: s)
    }
}
