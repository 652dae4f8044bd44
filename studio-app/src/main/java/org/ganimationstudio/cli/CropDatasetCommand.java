package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.face.TrainingCropWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "crop-dataset", mixinStandardHelpOptions = true,
        description = {"Turn a folder of photos into training crops (the studio's crop geometry) plus crops.csv "
                + "naming the source photo and face box of each crop."})
final class CropDatasetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DIR", description = "Folder of photos.")
    @PathRole(value = PathRole.Kind.INPUT_FOLDER, what = "folder of photos")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Folder for the crops (created; not inside the input).")
    @PathRole(value = PathRole.Kind.OUTPUT_FOLDER, what = "crops")
    Path output;

    @Option(names = "--size", defaultValue = "128", description = "Crop side, 16 to 1024 pixels (default: ${DEFAULT-VALUE}).")
    @Range(min = 16, max = 1024, unit = "pixels")
    int size;

    @Option(names = "--all-faces", description = "Crop every face, not only the largest.")
    boolean allFaces;

    @Override
    public Integer call() throws Exception {
        TrainingCropWriter.Summary s;
        try (FaceDetector detector = new FaceDetector()) {
            s = new TrainingCropWriter(detector, size, allFaces).write(input, output);
        }
        var out = spec.commandLine().getOut();
        out.printf("%d photos: %d crops, %d without a face, %d unreadable%n", s.photos(), s.crops(), s.noFace().size(),
                s.failed().size());
        s.failed().forEach(f -> out.println("  unreadable: " + f));
        return s.failed().isEmpty() ? 0 : 1;
    }
}
