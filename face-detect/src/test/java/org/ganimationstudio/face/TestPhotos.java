package org.ganimationstudio.face;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** The committed public-domain photos, and pictures composed from them. */
final class TestPhotos {

    private TestPhotos() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("ganimation.repo", "..")).toAbsolutePath().normalize();
    }

    /** NASA portrait, public domain: one frontal face. */
    static Path astronaut() {
        return repoRoot().resolve("assets/samples/astronaut.png");
    }

    /** CC0 / public-domain photos without human faces (a cat, a coffee cup, a rocket). */
    static Path resource(String name) {
        return repoRoot().resolve("face-detect/src/test/resources/photos").resolve(name);
    }

    static Photo read(Path p) throws PhotoReadException {
        return new PhotoReader().read(p);
    }

    /** {@code src} drawn at (x, y), scaled by {@code scale} and rotated by {@code degrees}, on a canvas. */
    static BufferedImage place(BufferedImage canvas, BufferedImage src, double x, double y, double scale, double degrees) {
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        AffineTransform t = new AffineTransform();
        t.translate(x + src.getWidth() * scale / 2, y + src.getHeight() * scale / 2);
        t.rotate(Math.toRadians(degrees));
        t.scale(scale, scale);
        t.translate(-src.getWidth() / 2.0, -src.getHeight() / 2.0);
        g.drawImage(src, t, null);
        g.dispose();
        return canvas;
    }
}
