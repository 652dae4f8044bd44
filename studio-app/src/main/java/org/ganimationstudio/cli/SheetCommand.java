package org.ganimationstudio.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
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

    /** Largest sheet, in pixels (a 1000-cell sheet of 1024-pixel cells would be a gigapixel). */
    static final long MAX_SHEET_PIXELS = 100_000_000L;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PHOTO", description = "The photo.")
    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The sheet (.png, .jpg or .bmp).")
    @PathRole(value = PathRole.Kind.OUTPUT_FILE, what = "sheet")
    Path output;

    @Option(names = "--mode", defaultValue = "systematic", description = "systematic, random or strips (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--count", defaultValue = "72",
            description = "Expressions in a random sheet, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1000)
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of a random sheet, any whole number (default: ${DEFAULT-VALUE}).")
    @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
    long seed;

    @Option(names = "--intensities", paramLabel = "V,...", defaultValue = "0,0.33,0.66,1", split = ",",
            description = "Intensities of the strips, up to 20 values in [0, 1] (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1, maxValues = 20)
    double[] intensities;

    @Option(names = "--columns", description = "Cells per row, 1 to 100 (default: 9, or one per intensity for strips).")
    @Range(min = 1, max = 100)
    Integer columns;

    @Option(names = "--cell", paramLabel = "PIXELS", defaultValue = "128",
            description = "Size of each face, 32 to 1024 pixels (default: ${DEFAULT-VALUE}); a sheet is at most 100 megapixels.")
    @Range(min = 32, max = 1024, unit = "pixels")
    int cell;

    @Option(names = "--face", paramLabel = "N", defaultValue = "1", converter = FaceChoice.Converter.class,
            description = "Which detected face (1 = the largest).")
    FaceChoice face;

    @Option(names = "--box", paramLabel = "X,Y,W,H", converter = FaceBox.Converter.class,
            description = "A face region you point out, in photo pixels.")
    FaceBox box;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPolicy[] policy = new OutputPolicy[1];
        List<ExpressionSheet.Cell> cells = ArgumentChecks.arguments(spec, () -> {
            OutputFiles.imageFormatOf(output);
            policy[0] = OutputFiles.prepare(input, overwrite, output);
            if (face.all()) {
                throw new IllegalArgumentException("a sheet shows one face: give --face N");
            }
            return switch (mode) {
                case systematic -> ExpressionSheet.systematic();
                case random -> ExpressionSheet.random(count, seed);
                case strips -> ExpressionSheet.strips(Arrays.stream(intensities).boxed().toList());
            };
        });
        int cols = columns != null ? columns : mode == Mode.strips ? intensities.length : 9;
        long pixels = ExpressionSheet.pixels(cells.size(), cols, cell);
        if (pixels > MAX_SHEET_PIXELS) {
            throw ArgumentChecks.bad(spec, String.format(java.util.Locale.ROOT, "the sheet would be %.0f megapixels, "
                    + "over the limit of %d; use a smaller --cell or fewer expressions", pixels / 1e6, MAX_SHEET_PIXELS / 1_000_000));
        }
        FaceOptions faceOptions = new FaceOptions();
        faceOptions.face = face;
        faceOptions.box = box;
        PhotoFaces faces = faceOptions.load(input, spec);
        try (ExpressionModel model = modelOptions.open()) {
            String title = switch (mode) {
                case systematic -> "72 expressions: upper face x lower face";
                case random -> cells.size() + " random expressions (seed " + seed + ")";
                case strips -> "single-AU strips";
            };
            BufferedImage sheet = ExpressionSheet.render(new ExpressionEditor(model), faces,
                    input.getFileName() + " - " + title, cells, cols, cell);
            OutputFiles.writeImage(sheet, output, policy[0]);
            spec.commandLine().getOut().printf("wrote %s: %d expressions, %dx%d%n", output, cells.size(),
                    sheet.getWidth(), sheet.getHeight());
        }
        return 0;
    }
}
