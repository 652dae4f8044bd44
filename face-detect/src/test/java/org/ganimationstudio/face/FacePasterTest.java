package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.ganimationstudio.model.GrayImage;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.model.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FacePasterTest {

    private static final int SIZE = 128;
    private static Photo astronaut;
    private static FaceCrop crop;

    @BeforeAll
    static void setUp() throws Exception {
        astronaut = TestPhotos.read(TestPhotos.astronaut());
        try (HaarFaceFinder d = new HaarFaceFinder()) {
            crop = FaceCrop.of(d.detect(astronaut).get(0));
        }
    }

    private static GrayImage attention(float value, long seed) {
        float[] a = new float[SIZE * SIZE];
        Random r = new Random(seed);
        for (int i = 0; i < a.length; i++) {
            a[i] = value < 0 ? r.nextFloat() : value;
        }
        return GrayImage.of(SIZE, SIZE, a);
    }

    private static RgbImage flat(float v) {
        float[] p = new float[3 * SIZE * SIZE];
        java.util.Arrays.fill(p, v);
        return RgbImage.ofPlanes(SIZE, SIZE, p);
    }

    @Test
    void cropMapsItsCentreAndCorners() {
        FaceCrop c = new FaceCrop(300, 200, 100, 30);
        Point2D centre = c.photoToCrop(SIZE).transform(new Point2D.Double(300, 200), null);
        assertThat(centre.getX()).isCloseTo(64, within(1e-9));
        assertThat(centre.getY()).isCloseTo(64, within(1e-9));
        Point2D back = c.cropToPhoto(SIZE).transform(new Point2D.Double(0, 0), null);
        assertThat(back.distance(300, 200)).isCloseTo(Math.sqrt(2) * 50, within(1e-9));
        Rectangle b = c.bounds(1000, 1000);
        assertThat(b.width).isBetween(136, 140); // 100 * (cos 30 + sin 30) = 136.6, plus rounding
    }

    @Test
    void cropIsTheFaceAtModelSize() {
        BufferedImage face = FaceCropper.extractBgr(astronaut, crop, SIZE);
        assertThat(face.getWidth()).isEqualTo(SIZE);
        // The centre of the crop is skin, not background: reddish and bright.
        int rgb = face.getRGB(SIZE / 2, SIZE / 2);
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        assertThat(r).isGreaterThan(b).isGreaterThan(60);
    }

    @Test
    void identityEditChangesNoPixel() {
        RgbImage input = FaceCropper.extract(astronaut, crop, SIZE);
        // Output = input face, whatever the attention says.
        Rendering identity = new Rendering(input, attention(-1, 7), input);
        Photo out = FacePaster.paste(astronaut, crop, input, identity);
        assertThat(maxDiff(astronaut.image(), out.image(), null)).isLessThanOrEqualTo(1);
    }

    @Test
    void pixelsOutsideTheBlendAreExactlyUnchanged() {
        RgbImage input = FaceCropper.extract(astronaut, crop, SIZE);
        Rendering edit = new Rendering(flat(1f), attention(0f, 0), flat(1f)); // paint the whole crop white
        Photo out = FacePaster.paste(astronaut, crop, input, edit);
        Rectangle region = crop.bounds(astronaut.width(), astronaut.height());
        assertThat(maxDiff(astronaut.image(), out.image(), region)).isZero();
        // Inside, the centre is white and the seam fades in.
        int centre = out.image().getRGB((int) crop.centerX(), (int) crop.centerY()) & 0xff;
        assertThat(centre).isGreaterThanOrEqualTo(250);
        assertThat(maxDiff(astronaut.image(), out.image(), null)).isGreaterThan(100);
    }

    @Test
    void attentionOneKeepsThePhoto() {
        RgbImage input = FaceCropper.extract(astronaut, crop, SIZE);
        Rendering keep = new Rendering(flat(0f), attention(1f, 0), input);
        assertThat(maxDiff(astronaut.image(), FacePaster.paste(astronaut, crop, input, keep).image(), null)).isZero();
    }

    @Test
    void sourcePhotoIsNotModified() {
        RgbImage input = FaceCropper.extract(astronaut, crop, SIZE);
        BufferedImage before = FacePaster.copy(astronaut.image());
        FacePaster.paste(astronaut, crop, input, new Rendering(flat(0f), attention(0f, 0), flat(0f)));
        assertThat(maxDiff(before, astronaut.image(), null)).isZero();
    }

    /** Max per-channel difference; with {@code outside}, only pixels outside that rectangle count. */
    static int maxDiff(BufferedImage a, BufferedImage b, Rectangle outside) {
        byte[] pa = BgrMats.bytes(a);
        byte[] pb = BgrMats.bytes(b);
        int w = a.getWidth();
        int max = 0;
        for (int i = 0; i < pa.length; i++) {
            int px = i / 3;
            if (outside != null && outside.contains(px % w, px / w)) {
                continue;
            }
            max = Math.max(max, Math.abs((pa[i] & 0xff) - (pb[i] & 0xff)));
        }
        return max;
    }
}
