package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.FaceAuReader;
import org.ganimationstudio.service.FaceExpression;
import java.util.List;
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
                "  ganimation render -i photo.jpg --face 1 --preset surprise --intensity 0.7 -o out.png",
                "  ganimation render -i photo.jpg --expression-from laughing.jpg --intensity 0.6 -o out.png"})
final class RenderCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PHOTO", description = "The photo to edit.")
    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write the edited photo (.png, .jpg or .bmp).")
    @PathRole(value = PathRole.Kind.OUTPUT_FILE, what = "edited photo")
    Path output;

    @Mixin
    ExpressionOptions expression = new ExpressionOptions();

    @Option(names = "--expression-from", paramLabel = "PHOTO",
            description = "Copy the expression of this photo's largest face, as the AU estimator reads it, at --intensity: "
                    + "0 leaves the face as photographed, 1 copies the expression. --aus then sets AUs on top.")
    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "expression photo")
    Path expressionFrom;

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
        Path attention = OutputFiles.sibling(output, "attention");
        Path color = OutputFiles.sibling(output, "color");
        OutputPolicy[] policy = new OutputPolicy[1];
        FaceExpression target = ArgumentChecks.arguments(spec, () -> {
            if (expressionFrom != null && (expression.preset != null || expression.ausFile != null)) {
                throw new IllegalArgumentException("--expression-from takes the place of --preset and --aus-file; give one of them");
            }
            if (!expression.given() && expressionFrom == null) {
                throw new IllegalArgumentException("give an expression: --preset, --aus, --aus-file or --expression-from "
                        + "(--preset happiness --intensity 0 leaves the face as photographed)");
            }
            OutputFiles.imageFormatOf(output);
            // the masks obey the same rules as the output, checked before any work
            policy[0] = masks ? OutputFiles.prepare(input, overwrite, output, attention, color)
                    : OutputFiles.prepare(input, overwrite, output);
            return expression.target(); // with --expression-from: checks --aus now, the copy comes later
        });
        PhotoFaces faces = faceOptions.load(input, spec);
        try (ExpressionModel model = modelOptions.open(); FaceAuReader reader = modelOptions.auReader()) {
            ExpressionEditor editor = modelOptions.editor(model, reader);
            if (expressionFrom != null) {
                target = copiedExpression(reader);
            }
            EditedPhoto edited = editor.edit(faces, target);
            Rendering first = edited.faces().get(0);
            LinkedHashMap<Path, OutputFiles.Writer> files = new LinkedHashMap<>();
            files.put(output, OutputFiles.imageWriter(edited.photo().image(), output));
            if (masks) {
                files.put(attention, OutputFiles.imageWriter(first.attention().toBufferedImage(), attention));
                files.put(color, OutputFiles.imageWriter(first.color().toBufferedImage(), color));
            }
            OutputFiles.writeAll(policy[0], files);
            List<AuVector> own = editor.own(faces);
            spec.commandLine().getOut().printf("wrote %s: %d face(s); the first from %s to %s, mean attention %.2f%n",
                    output, faces.count(), own.get(0), target.target(own.get(0)), first.attention().mean());
        }
        return 0;
    }

    /** The largest face of --expression-from as the estimator reads it, at --intensity from each face's own, --aus on top. */
    private FaceExpression copiedExpression(FaceAuReader reader) throws Exception {
        org.ganimationstudio.face.Photo photo = new org.ganimationstudio.face.PhotoReader().read(expressionFrom);
        PhotoFaces source;
        try (org.ganimationstudio.face.FaceFinder detector = faceOptions.finder.open()) {
            source = PhotoFaces.detect(photo, detector);
        }
        if (source.isEmpty()) {
            throw new IllegalStateException("no face found in " + expressionFrom.getFileName() + " to copy an expression from");
        }
        AuVector copied = reader.read(source, 0);
        FaceExpression toward = FaceExpression.toward(copied, expression.intensity);
        return expression.aus == null || expression.aus.isBlank() ? toward
                : toward.with(AuVector.parseAssignments(expression.aus));
    }
}
