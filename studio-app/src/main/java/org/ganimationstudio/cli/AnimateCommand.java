package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.service.AnimationExport;
import org.ganimationstudio.service.AnimationFormat;
import org.ganimationstudio.service.ExpressionEditor;
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
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The animation: .gif or .mp4.")
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
        AnimationFormat.of(output);
        OutputPolicy policy = OutputFiles.prepare(input, overwrite, output);
        AuVector target = expression.given() ? expression.target() : null;
        PhotoFaces faces;
        try (FaceDetector detector = new FaceDetector()) {
            faces = faceOptions.load(input, detector);
        }
        Timeline timeline;
        try (FaceAuReader reader = modelOptions.auReader()) {
            timeline = timelineOptions.timeline(target, () -> reader.read(faces));
        }
        var progress = new ProgressReporter(spec.commandLine().getErr(), "frames");
        long t0 = System.nanoTime();
        AnimationExport.Result r;
        try (ExpressionModel model = modelOptions.open()) {
            int frames = timeline.frames(timelineOptions.fps, timelineOptions.pingPong).size();
            progress.start(frames);
            r = new AnimationExport(new ExpressionEditor(model)).write(faces, timeline, timelineOptions.settings(), output,
                    policy, () -> false, progress::stepTo);
        } finally {
            progress.close();
        }
        spec.commandLine().getOut().printf("wrote %s: %d frames of %dx%d at %s fps (%.1f s), %d face(s), in %.1f s%n",
                output, r.frames(), r.width(), r.height(), fmt(timelineOptions.fps), timeline.duration()
                        * (timelineOptions.pingPong ? 2 : 1), faces.count(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
