package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.OutputFiles;
import org.ganimationstudio.service.OutputPolicy;
import org.ganimationstudio.service.PhotoFaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Edit the expression of the faces in a photo.",
                "Faces are found, cropped and aligned, edited by the model and pasted back into the photo "
                        + "at its full resolution; --box edits a face you point out instead."},
        footer = {"", "Examples:",
                "  ganimation render -i photo.jpg -o smile.jpg --aus AU12=0.8,AU06=0.5",
                "  ganimation render -i photo.jpg --face 1 --preset surprise --intensity 0.7 -o out.png"})
final class RenderCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PHOTO", description = "The photo to edit.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write the edited photo (.png, .jpg or .bmp).")
    Path output;

    @Mixin
    ExpressionOptions expression = new ExpressionOptions();

    @Mixin
    FaceOptions faceOptions = new FaceOptions();

    @Option(names = "--masks", description = "Also write the first face's attention mask A and colour mask C beside the output "
                    + "(NAME-attention.EXT, NAME-color.EXT; all three files or none).")
    boolean masks;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AuVector target = expression.target();
        OutputFiles.imageFormatOf(output);
        Path attention = OutputFiles.sibling(output, "attention");
        Path color = OutputFiles.sibling(output, "color");
        // the masks obey the same rules as the output, checked before any work
        OutputPolicy policy = masks ? OutputFiles.prepare(input, overwrite, output, attention, color)
                : OutputFiles.prepare(input, overwrite, output);
        PhotoFaces faces;
        try (FaceDetector detector = new FaceDetector()) {
            faces = faceOptions.load(input, detector);
        }
        try (ExpressionModel model = modelOptions.open()) {
            EditedPhoto edited = new ExpressionEditor(model).edit(faces, target);
            Rendering first = edited.faces().get(0);
            LinkedHashMap<Path, OutputFiles.Writer> files = new LinkedHashMap<>();
            files.put(output, OutputFiles.imageWriter(edited.photo().image(), output));
            if (masks) {
                files.put(attention, OutputFiles.imageWriter(first.attention().toBufferedImage(), attention));
                files.put(color, OutputFiles.imageWriter(first.color().toBufferedImage(), color));
            }
            OutputFiles.writeAll(policy, files);
            spec.commandLine().getOut().printf("wrote %s: %d face(s) at %s, mean attention %.2f%n", output,
                    faces.count(), target, first.attention().mean());
        }
        return 0;
    }
}
