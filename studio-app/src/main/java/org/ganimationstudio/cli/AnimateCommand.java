package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.service.AnimationExport;
import org.ganimationstudio.service.AnimationFormat;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.FaceAuReader;
import org.ganimationstudio.service.OutputFiles;
import org.ganimationstudio.service.OutputPolicy;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "animate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Animate a face's expression into a looping GIF or an H.264 MP4.",
                "From the face's current expression (read by the AU estimator) or a neutral one to a target, "
                        + "or along a keyframes timeline; frames are rendered in batches and pasted back into the photo."},
        footer = {"", "Examples:",
                "  ganimation animate -i photo.jpg -o smile.gif --preset happiness --duration 1.5 --ping-pong",
                "  ganimation animate -i photo.jpg -o talk.mp4 --keyframes timeline.json --fps 25 --size 720"})
final class AnimateCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PHOTO", description = "The photo to animate.")
    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The animation: .gif or .mp4.")
    @PathRole(value = PathRole.Kind.OUTPUT_FILE, what = "animation")
    Path output;

    @Mixin
    ExpressionOptions expression = new ExpressionOptions();

    @Mixin
    TimelineOptions timelineOptions = new TimelineOptions();

    @Mixin
    FaceOptions faceOptions = new FaceOptions();

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every argument is checked before the detector, the estimator or the model is loaded (seconds)
        OutputPolicy[] policy = new OutputPolicy[1];
        FaceExpression target = ArgumentChecks.arguments(spec, () -> {
            AnimationFormat.of(output);
            policy[0] = OutputFiles.prepare(input, overwrite, output);
            FaceExpression t = expression.given() ? expression.target() : null;
            timelineOptions.check(t);
            return t;
        });
        PhotoFaces faces = faceOptions.load(input, spec);
        var progress = new ProgressReporter(spec.commandLine().getErr(), "frames");
        long t0 = System.nanoTime();
        AnimationExport.Result r;
        Timeline shape = timelineOptions.timeline(target, AuVector::zero);
        try (ExpressionModel model = modelOptions.open(); FaceAuReader reader = modelOptions.auReader()) {
            progress.start(shape.frames(timelineOptions.fps, timelineOptions.pingPong).size());
            r = new AnimationExport(modelOptions.editor(model, reader)).write(faces,
                    own -> timelineOptions.timeline(target, () -> own), timelineOptions.settings(), output,
                    policy[0], () -> false, progress::stepTo);
        } finally {
            progress.close();
        }
        spec.commandLine().getOut().printf("wrote %s: %d frames of %dx%d at %s fps (%.1f s), %d face(s), in %.1f s%n",
                output, r.frames(), r.width(), r.height(), fmt(timelineOptions.fps), shape.duration()
                        * (timelineOptions.pingPong ? 2 : 1), faces.count(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
