package org.ganimationstudio.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.EmotionPresets;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.model.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Edit the expression of a face crop.",
                "The face is the --box region of the photo (default: the centred square), resized to the model's "
                        + "input size; the edited crop is written at that size."},
        footer = {"", "Examples:",
                "  ganimation render -i face.png -o smile.png --aus AU12=0.8,AU06=0.5",
                "  ganimation render -i photo.jpg --box 150,35,145,145 --preset surprise --intensity 0.7 -o out.png"})
final class RenderCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PHOTO", description = "The photo to edit.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write the edited face (.png, .jpg or .bmp).")
    Path output;

    @Option(names = "--aus", paramLabel = "AU=V,...", description = "AU intensities in [0, 1], e.g. AU12=0.8,AU06=0.5.")
    String aus;

    @Option(names = "--aus-file", paramLabel = "JSON", description = "AU intensities as a JSON object {\"AU12\": 0.8}.")
    Path ausFile;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "An emotion preset: neutral, happiness, sadness, surprise, fear, anger, disgust, contempt.")
    String preset;

    @Option(names = "--intensity", paramLabel = "0..1", defaultValue = "1",
            description = "Strength of --preset (default: ${DEFAULT-VALUE}).")
    double intensity;

    @Option(names = "--box", paramLabel = "X,Y,W,H", description = "The face region of the photo, in pixels.")
    String box;

    @Option(names = "--masks", description = "Also write the attention mask A and the colour mask C beside the output.")
    boolean masks;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        AuVector target = targetAus();
        BufferedImage photo = ImageFiles.read(input);
        ImageFiles.formatOf(output);
        ImageFiles.checkTarget(input, output, overwrite);
        try (ExpressionModel model = modelOptions.open()) {
            RgbImage face = RgbImage.fromBufferedImage(faceCrop(photo, model.inputSize()));
            Rendering r = model.render(face, target);
            ImageFiles.writeAtomically(r.composite().toBufferedImage(), output);
            if (masks) {
                ImageFiles.writeAtomically(r.attention().toBufferedImage(), sibling(output, "attention"));
                ImageFiles.writeAtomically(r.color().toBufferedImage(), sibling(output, "color"));
            }
            spec.commandLine().getOut().printf("wrote %s (%s, mean attention %.2f)%n", output, target,
                    r.attention().mean());
        }
        return 0;
    }

    /** The preset (if any), then the AUs of --aus-file, then those of --aus. */
    AuVector targetAus() throws Exception {
        AuVector v = preset == null ? AuVector.zero() : EmotionPresets.standard().get(preset).at(intensity);
        if (ausFile != null) {
            v = v.withAll(new ObjectMapper().readValue(ausFile.toFile(), new TypeReference<Map<String, Double>>() { }));
        }
        if (aus != null) {
            v = v.withAll(AuVector.parseAssignments(aus));
        }
        return v;
    }

    private BufferedImage faceCrop(BufferedImage photo, int size) {
        int x;
        int y;
        int w;
        int h;
        if (box == null) {
            int side = Math.min(photo.getWidth(), photo.getHeight());
            x = (photo.getWidth() - side) / 2;
            y = (photo.getHeight() - side) / 2;
            w = side;
            h = side;
        } else {
            String[] p = box.split(",");
            if (p.length != 4) {
                throw new IllegalArgumentException("--box needs X,Y,W,H, got '" + box + "'");
            }
            try {
                x = Integer.parseInt(p[0].trim());
                y = Integer.parseInt(p[1].trim());
                w = Integer.parseInt(p[2].trim());
                h = Integer.parseInt(p[3].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--box values must be whole pixels, got '" + box + "'");
            }
            if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > photo.getWidth() || y + h > photo.getHeight()) {
                throw new IllegalArgumentException("--box " + box + " is not inside the " + photo.getWidth() + "x"
                        + photo.getHeight() + " photo");
            }
        }
        BufferedImage crop = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = crop.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(photo, 0, 0, size, size, x, y, x + w, y + h, null);
        g.dispose();
        return crop;
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + "-" + suffix + name.substring(dot));
    }
}
