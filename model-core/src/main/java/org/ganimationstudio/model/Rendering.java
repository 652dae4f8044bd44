package org.ganimationstudio.model;

/**
 * What the generator made of one face: the colour mask C, the attention mask A
 * (1 keeps the input pixel) and the composite A·I + (1−A)·C. All values in [0, 1]
 * (C is mapped from the network's [-1, 1]).
 *
 * <p>A design that builds C from the crop's own pixels (a warp) can make the same edit again on a larger
 * crop of the same face, so that the edit is as sharp as the photo: {@link #sharpOn}. Others leave
 * {@code sharp} null, and their edit reaches the photo as the model-size composite.
 */
public record Rendering(RgbImage color, GrayImage attention, RgbImage composite, CropRenderer sharp) {

    public Rendering(RgbImage color, GrayImage attention, RgbImage composite) {
        this(color, attention, composite, null);
    }

    /** Whether {@link #sharpOn} can redo this edit on a larger crop. */
    public boolean resamples() {
        return sharp != null;
    }

    /**
     * The composite made again on {@code crop}, a square crop of the same face region at any size.
     *
     * @throws IllegalStateException when the design cannot ({@link #resamples()} is false)
     */
    public RgbImage sharpOn(RgbImage crop) {
        if (sharp == null) {
            throw new IllegalStateException("this generator design edits only at its own input size");
        }
        if (crop.width() != crop.height()) {
            throw new IllegalArgumentException("the crop must be square, got " + crop.width() + "x" + crop.height());
        }
        return sharp.render(crop);
    }

    /** Redoes one face's edit on a square crop of the same region at another size. */
    @FunctionalInterface
    public interface CropRenderer {
        RgbImage render(RgbImage crop);
    }
}
