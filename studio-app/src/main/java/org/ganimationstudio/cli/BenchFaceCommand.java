package org.ganimationstudio.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.DetectedFace;
import org.ganimationstudio.face.FaceCrop;
import org.ganimationstudio.face.FaceCropper;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.face.FacePaster;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.GrayImage;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.model.RgbImage;
import org.ganimationstudio.service.ExpressionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench-face", mixinStandardHelpOptions = true,
        description = {"Time the face pipeline on a large photo: detect, crop, and paste back an edit "
                + "(with --render, the generator's edit: the whole job of one still; without, a fixed colour change)."})
final class BenchFaceCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    FaceFinderOption faceFinder = new FaceFinderOption();

    @Spec
    CommandSpec spec;

    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    @Option(names = "--photo", required = true, paramLabel = "FILE", description = "A photo with a face.")
    Path photo;

    @Option(names = "--width", defaultValue = "4000", description = "Scale the photo to this width (default: ${DEFAULT-VALUE}).")
    @Range(min = 16, max = 20_000, unit = "pixels")
    int width;

    @Option(names = "--height", defaultValue = "3000", description = "...and this height (default: ${DEFAULT-VALUE}).")
    @Range(min = 16, max = 20_000, unit = "pixels")
    int height;

    @Option(names = "--runs", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000)
    int runs;

    @Option(names = "--render", description = "Render the face with the model (happiness) between crop and paste-back.")
    boolean render;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Override
    public Integer call() throws Exception {
        if (Math.multiplyExact((long) width, height) > PhotoReader.DEFAULT_MAX_PIXELS) {
            throw ArgumentChecks.bad(spec, "--width x --height must be at most "
                    + PhotoReader.DEFAULT_MAX_PIXELS / 1_000_000 + " megapixels, got " + width + "x" + height);
        }
        Photo source = new PhotoReader().read(photo);
        BufferedImage big = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source.image(), 0, 0, width, height, null);
        g.dispose();
        Photo large = Photo.of(big);
        double[] detect = new double[runs];
        double[] crop = new double[runs];
        double[] generate = new double[runs];
        double[] paste = new double[runs];
        int faces = 0;
        AuVector smile = ExpressionSpec.preset("happiness", 1);
        try (FaceFinder detector = faceFinder.open(); ExpressionModel model = render ? modelOptions.open() : null) {
            int size = model == null ? 128 : model.inputSize();
            float[] attention = new float[size * size];
            Arrays.fill(attention, 0.5f);
            for (int i = -5; i < runs; i++) { // the TorchScript executor settles over the first runs
                long t0 = System.nanoTime();
                List<DetectedFace> found = detector.detect(large);
                long t1 = System.nanoTime();
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("no face found in " + photo);
                }
                FaceCrop c = FaceCrop.of(found.get(0));
                RgbImage in = FaceCropper.extract(large, c, size);
                long t2 = System.nanoTime();
                // without the model, a stand-in edit of the right shape
                Rendering edit = model != null ? model.render(in, smile)
                        : new Rendering(in, GrayImage.of(size, size, attention), in);
                long t3 = System.nanoTime();
                FacePaster.paste(large, c, in, edit);
                long t4 = System.nanoTime();
                if (i >= 0) {
                    detect[i] = (t1 - t0) / 1e6;
                    crop[i] = (t2 - t1) / 1e6;
                    generate[i] = (t3 - t2) / 1e6;
                    paste[i] = (t4 - t3) / 1e6;
                    faces = found.size();
                }
            }
        }
        double d = Timings.of(detect).median();
        double c = Timings.of(crop).median();
        double r = Timings.of(generate).median();
        double p = Timings.of(paste).median();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "%dx%d photo, %d face(s): detect %.0f ms, crop %.0f ms, %spaste back %.0f ms, total %.0f ms (medians of %d)%n",
                width, height, faces, d, c, render ? String.format(Locale.ROOT, "render %.0f ms, ", r) : "", p,
                d + c + r + p, runs);
        return 0;
    }
}
