package org.ganimationstudio.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.ExpressionSheet;
import org.ganimationstudio.service.OutputFiles;
import org.ganimationstudio.service.OutputPolicy;
import org.ganimationstudio.service.PhotoFaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sheet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One face at many expressions, in a labelled grid.",
                "systematic: 8 upper-face states x 9 lower-face states = 72 expressions; random: COUNT random AU "
                        + "combinations (the same for the same --seed); strips: each of the 17 AUs alone at each intensity."},
        footer = {"", "Examples:",
                "  ganimation sheet -i photo.jpg -o sheet.png",
                "  ganimation sheet -i photo.jpg -o strips.png --mode strips --intensities 0,0.33,0.66,1"})
final class SheetCommand implements Callable<Integer> {

    enum Mode { systematic, random, strips }

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PHOTO", description = "The photo.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The sheet (.png, .jpg or .bmp).")
    Path output;

    @Option(names = "--mode", defaultValue = "systematic", description = "systematic, random or strips (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--count", defaultValue = "72", description = "Expressions in a random sheet (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of a random sheet (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--intensities", paramLabel = "V,...", defaultValue = "0,0.33,0.66,1", split = ",",
            description = "Intensities of the strips (default: ${DEFAULT-VALUE}).")
    double[] intensities;

    @Option(names = "--columns", description = "Cells per row (default: 9, or one per intensity for strips).")
    Integer columns;

    @Option(names = "--cell", paramLabel = "PIXELS", defaultValue = "128", description = "Size of each face (default: ${DEFAULT-VALUE}).")
    int cell;

    @Option(names = "--face", paramLabel = "N", defaultValue = "1", description = "Which detected face (1 = the largest).")
    String face;

    @Option(names = "--box", paramLabel = "X,Y,W,H", description = "A face region you point out, in photo pixels.")
    String box;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.imageFormatOf(output);
        OutputPolicy policy = OutputFiles.prepare(input, overwrite, output);
        if (cell < 32 || cell > 1024) {
            throw new IllegalArgumentException("--cell must be within 32 to 1024 pixels, got " + cell);
        }
        if ("all".equalsIgnoreCase(face)) {
            throw new IllegalArgumentException("a sheet shows one face: give --face N");
        }
        List<ExpressionSheet.Cell> cells = switch (mode) {
            case systematic -> ExpressionSheet.systematic();
            case random -> ExpressionSheet.random(count, seed);
            case strips -> ExpressionSheet.strips(Arrays.stream(intensities).boxed().toList());
        };
        int cols = columns != null ? columns : mode == Mode.strips ? intensities.length : 9;
        FaceOptions faceOptions = new FaceOptions();
        faceOptions.face = face;
        faceOptions.box = box;
        PhotoFaces faces;
        try (FaceDetector detector = new FaceDetector()) {
            faces = faceOptions.load(input, detector);
        }
        try (ExpressionModel model = modelOptions.open()) {
            String title = switch (mode) {
                case systematic -> "72 expressions: upper face x lower face";
                case random -> cells.size() + " random expressions (seed " + seed + ")";
                case strips -> "single-AU strips";
            };
            BufferedImage sheet = ExpressionSheet.render(new ExpressionEditor(model), faces,
                    input.getFileName() + " - " + title, cells, cols, cell);
            OutputFiles.writeImage(sheet, output, policy);
            spec.commandLine().getOut().printf("wrote %s: %d expressions, %dx%d%n", output, cells.size(),
                    sheet.getWidth(), sheet.getHeight());
        }
        return 0;
    }
}
