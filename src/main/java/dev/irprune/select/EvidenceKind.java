package dev.irprune.select;

/** What a criterion may need to know about a channel group, extracted by the pipeline. */
public enum EvidenceKind {
    /** Each channel's output at the group's evidence node over the analysis images, averaged over H x W: N x C. */
    ACTIVATIONS,
    /** Each channel's feature-map rank at the evidence node, averaged over the analysis images: C values. */
    MAP_RANK,
    /** The producers' kernels (filters or units first). */
    KERNELS,
    /** The batch-norm scales (gamma) of the group. */
    BN_SCALES
}
