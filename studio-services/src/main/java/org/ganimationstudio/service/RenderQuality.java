package org.ganimationstudio.service;

/**
 * Which generator a preview render uses: while a slider is dragged the studio shows drafts from the
 * light preview generator (when the model has one), and the full generator renders once it is released.
 */
public enum RenderQuality {
    /** A slider is moving: fast, approximate pixels. */
    DRAFT,
    /** The values are settled: the full generator's pixels, the same as an export's. */
    FINAL
}
