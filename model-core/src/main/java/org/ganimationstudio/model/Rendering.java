package org.ganimationstudio.model;

/**
 * What the generator made of one face: the colour mask C, the attention mask A
 * (1 keeps the input pixel) and the composite A·I + (1−A)·C. All values in [0, 1]
 * (C is mapped from the network's [-1, 1]).
 */
public record Rendering(RgbImage color, GrayImage attention, RgbImage composite) {
}
