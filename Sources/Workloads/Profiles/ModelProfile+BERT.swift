extension ModelProfile {
    /// BERT-base (Devlin et al., "BERT: Pre-training of Deep Bidirectional Transformers for
    /// Language Understanding", NAACL 2019: L = 12, H = 768, A = 12, 110M parameters), with
    /// the uncased WordPiece vocabulary of 30,522 tokens, 512 positions, 2 segment types and
    /// the pooler, as Hugging Face's `bert-base-uncased` (109,482,240 parameters). A sample
    /// is one 128-token sequence; MACs count the dense layers and the attention products
    /// (QK^T and attention x V), not softmax or layer norms: 11.17 GMACs per sequence.
    /// Per block: embeddings, each encoder layer, the pooler.
    public static let bertBase: ModelProfile = {
        let hidden: Int64 = 768, ffn: Int64 = 3072, tokens: Int64 = 128, layers = 12
        var b = LayerListBuilder()
        let embeddings = (30_522 + 512 + 2) * hidden + 2 * hidden
        b.layer("embeddings", parameters: embeddings, macs: 0)
        let attention = 4 * (hidden * hidden + hidden)
        let feedForward = hidden * ffn + ffn + ffn * hidden + hidden
        let layerNorms = 2 * 2 * hidden
        let denseMACs = tokens * (4 * hidden * hidden + 2 * hidden * ffn)
        let attentionMACs = 2 * tokens * tokens * hidden
        for index in 0..<layers {
            b.layer("encoder.layer.\(index)", parameters: attention + feedForward + layerNorms,
                    macs: denseMACs + attentionMACs)
        }
        b.layer("pooler", parameters: hidden * hidden + hidden, macs: hidden * hidden)
        return ModelProfile(
            name: "bert-base", input: "128-token sequence", layers: b.layers,
            source: "Devlin et al. 2019 (arXiv:1810.04805); Hugging Face bert-base-uncased (109,482,240 parameters)")
    }()

    /// Every profile, by scenario name, in a fixed order.
    public static let catalog: [ModelProfile] = [.resNet50, .resNet101, .inceptionV3, .vgg16, .bertBase]

    /// The profile named `name` (`resnet-101`), nil if unknown.
    public static func named(_ name: String) -> ModelProfile? { catalog.first { $0.name == name } }
}
