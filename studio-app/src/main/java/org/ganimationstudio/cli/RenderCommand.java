package org.ganimationstudio.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.DetectedFace;
import org.ganimationstudio.face.FaceCrop;
import org.ganimationstudio.face.FaceCropper;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.face.FacePaster;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.face.PhotoReader;
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
        description = {"Edit the expression of the faces in a photo.",
                "Faces are found, cropped and aligned, edited by the model and pasted back into the photo "
                        + "at its full resolution; --box edits a face you point out instead."},
        footer = {"", "Examples:",
                "  ganimation render -i photo.jpg -o smile.jpg --aus AU12=0.8,AU06=0.5",
                "  ganimation render -i photo.jpg --face 1 --preset surprise --intensity 0.7 -o out.png"})
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

    @Option(names = "--box", paramLabel = "X,Y,W,H", description = "A face region you point out (when none is detected), in pixels.")
    String box;

    @Option(names = "--masks", description = "Also write the first face's attention mask A and colour mask C beside the output.")
    boolean masks;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Option(names = "--face", paramLabel = "N|all", defaultValue = "all",
            description = "Which detected face to edit: 1 is the largest (default: ${DEFAULT-VALUE}).")
    String face;

    @Override
    public Integer call() throws Exception {
        AuVector target = targetAus();
        ImageFiles.formatOf(output);
        ImageFiles.checkTarget(input, output, overwrite);
        Photo photo = new PhotoReader().read(input);
        List<DetectedFace> faces = chosenFaces(photo);
        try (ExpressionModel model = modelOptions.open()) {
            int size = model.inputSize();
            Photo edited = photo;
            Rendering first = null;
            for (DetectedFace f : faces) {
                FaceCrop crop = FaceCrop.of(f);
                RgbImage in = FaceCropper.extract(photo, crop, size);
                Rendering r = model.render(in, target);
                edited = FacePaster.paste(edited, crop, in, r);
                first = first == null ? r : first;
            }
            ImageFiles.writeAtomically(edited.image(), output);
            if (masks) {
                ImageFiles.writeAtomically(first.attention().toBufferedImage(), sibling(output, "attention"));
                ImageFiles.writeAtomically(first.color().toBufferedImage(), sibling(output, "color"));
            }
            spec.commandLine().getOut().printf("wrote %s: %d face(s) at %s, mean attention %.2f%n", output,
                    faces.size(), target, first.attention().mean());
        }
        return 0;
    }

    private List<DetectedFace> chosenFaces(Photo photo) {
        if (box != null) {
            return List.of(drawnBox(photo));
        }
        List<DetectedFace> found;
        try (FaceDetector detector = new FaceDetector()) {
            found = detector.detect(photo);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no face found in " + input.getFileName()
                    + "; draw one with --box X,Y,W,H around the face");
        }
        if ("all".equalsIgnoreCase(face)) {
            return found;
        }
        int n;
        try {
            n = Integer.parseInt(face);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--face takes a face number or 'all', got '" + face + "'");
        }
        if (n < 1 || n > found.size()) {
            throw new IllegalArgumentException("--face " + n + ": the photo has " + found.size() + " face(s)");
        }
        return List.of(found.get(n - 1));
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

    private DetectedFace drawnBox(Photo photo) {
        String[] p = box.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException("--box needs X,Y,W,H, got '" + box + "'");
        }
        int x;
        int y;
        int w;
        int h;
        try {
            x = Integer.parseInt(p[0].trim());
            y = Integer.parseInt(p[1].trim());
            w = Integer.parseInt(p[2].trim());
            h = Integer.parseInt(p[3].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--box values must be whole pixels, got '" + box + "'");
        }
        if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > photo.width() || y + h > photo.height()) {
            throw new IllegalArgumentException("--box " + box + " is not inside the " + photo.width() + "x"
                    + photo.height() + " photo");
        }
        return DetectedFace.drawn(x, y, w, h);
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + "-" + suffix + name.substring(dot));
    }
}
