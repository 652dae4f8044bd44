package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.face.TrainingCropWriter;
import org.ganimationstudio.service.OutputFiles;
import org.ganimationstudio.service.OutputPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "crop-dataset", mixinStandardHelpOptions = true,
        description = {"Turn a folder of photos into training crops (the studio's crop geometry) plus crops.csv "
                + "naming the source photo and face box of each crop."})
final class CropDatasetCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    FaceFinderOption faceFinder = new FaceFinderOption();

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

    @Option(names = "--overwrite", description = "Replace crops and crops.csv already in the output folder.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        TrainingCropWriter.Summary s;
        try (FaceFinder detector = faceFinder.open()) {
            // crops.csv is checked first, so a second run into the same folder stops before any work
            OutputPolicy policy = OutputFiles.prepare(input, overwrite, output.resolve("crops.csv"));
            s = new TrainingCropWriter(detector, size, allFaces).write(input, output, (target, content) -> {
                policy.check(target);
                OutputFiles.write(target, policy, content::writeTo);
            });
        }
        var out = spec.commandLine().getOut();
        out.printf("%d photos: %d crops, %d without a face, %d unreadable%n", s.photos(), s.crops(), s.noFace().size(),
                s.failed().size());
        s.failed().forEach(f -> out.println("  unreadable: " + f));
        return s.failed().isEmpty() ? 0 : 1;
    }
}
