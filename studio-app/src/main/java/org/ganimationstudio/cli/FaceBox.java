package org.ganimationstudio.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --box X,Y,W,H}: a face region in photo pixels. Each number is checked here, before any native code
 * sees it, and whether the box lies inside the photo is checked (without overflow) once the photo is read.
 */
record FaceBox(int x, int y, int width, int height) {

    /** Largest coordinate or side accepted, in pixels (no photo of at most 100 megapixels is wider). */
    static final int MAX = 1_000_000;

    /** Parses {@code X,Y,W,H}. */
    static final class Converter implements ITypeConverter<FaceBox> {
        @Override
        public FaceBox convert(String text) {
            String[] p = text.split(",", -1);
            if (p.length != 4) {
                throw new TypeConversionException("a face box is X,Y,W,H in whole pixels, e.g. 120,80,200,200; got '"
                        + text + "'");
            }
            int[] v = new int[4];
            for (int i = 0; i < 4; i++) {
                long n;
                try {
                    n = Long.parseLong(p[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("a face box takes whole pixels X,Y,W,H; got '" + text + "'");
                }
                long min = i < 2 ? 0 : 1;
                if (n < min || n > MAX) {
                    throw new TypeConversionException((i < 2 ? "X and Y" : "W and H") + " of a face box must be within "
                            + min + " to " + String.format(java.util.Locale.ROOT, "%,d", MAX) + " pixels; got '" + text + "'");
                }
                v[i] = (int) n;
            }
            return new FaceBox(v[0], v[1], v[2], v[3]);
        }
    }

    @Override
    public String toString() {
        return x + "," + y + "," + width + "," + height;
    }
}
