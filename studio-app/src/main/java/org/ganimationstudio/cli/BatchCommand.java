package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.service.AnimationFormat;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.ExpressionBatchJob;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.FaceAuReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Edit or animate every photo in a folder into an output folder.",
                "Outputs keep the photos' names (and sub-folders with --recursive). Finished outputs are skipped, so "
                        + "rerunning a stopped batch resumes it; the input folder is never written to. Ends with a "
                        + "summary; the exit status is 1 when any photo failed."},
        footer = {"", "Examples:",
                "  ganimation batch -i photos/ -o smiles/ --preset happiness --intensity 0.8",
                "  ganimation batch -i photos/ -o gifs/ --recursive --animate gif --preset surprise --ping-pong"})
final class BatchCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    FaceFinderOption faceFinder = new FaceFinderOption();

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DIR", description = "The folder of photos.")
    @PathRole(value = PathRole.Kind.INPUT_FOLDER, what = "folder of photos")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The output folder (created).")
    @PathRole(value = PathRole.Kind.OUTPUT_FOLDER, what = "outputs")
    Path output;

    @Option(names = {"-r", "--recursive"}, description = "Include sub-folders.")
    boolean recursive;

    @Option(names = "--animate", paramLabel = "gif|mp4", description = "Write an animation per photo instead of a still.")
    String animate;

    @Option(names = "--format", paramLabel = "png|jpg|bmp",
            description = "Format of still outputs (default: the photo's own when png, jpg or bmp, else png).")
    String format;

    @Option(names = "--face", paramLabel = "N|all", defaultValue = "all", converter = FaceChoice.Converter.class,
            description = "Which faces of each photo: a number (1 = the largest) or all (default: ${DEFAULT-VALUE}).")
    FaceChoice face;

    @Mixin
    ExpressionOptions expression = new ExpressionOptions();

    @Mixin
    TimelineOptions timelineOptions = new TimelineOptions();

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FaceExpression target = ArgumentChecks.arguments(spec, () -> {
            FaceExpression t = expression.given() ? expression.target() : null;
            if (animate == null && t == null) {
                throw new IllegalArgumentException("give an expression (--preset, --aus or --aus-file)");
            }
            if (animate != null) {
                timelineOptions.check(t);
            }
            return t;
        });
        String animationExt = animate == null ? null : animate.toLowerCase(Locale.ROOT);
        if (animationExt != null && !animationExt.equals("gif") && !animationExt.equals("mp4")) {
            throw ArgumentChecks.bad(spec, "--animate takes gif or mp4, got '" + animate + "'");
        }
        String stillFormat = ArgumentChecks.arguments(spec, () -> ExpressionBatchJob.checkStillFormat(format));
        BatchRun batch = ArgumentChecks.arguments(spec, () -> new BatchRun(input, output, recursive));
        var out = spec.commandLine().getOut();
        var progress = new ProgressReporter(spec.commandLine().getErr(), "photos");
        BatchRun.Summary summary;
        try (FaceFinder detector = faceFinder.open();
             ExpressionModel model = modelOptions.open();
             FaceAuReader estimator = modelOptions.auReader()) {
            ExpressionEditor editor = modelOptions.editor(model, estimator);
            BatchRun.PhotoJob job = animationExt == null
                    ? ExpressionBatchJob.stills(editor, detector, face.toString(), target, stillFormat)
                    : ExpressionBatchJob.animations(editor, detector, face.toString(), new ExpressionBatchJob.Animation(
                            AnimationFormat.of(Path.of("x." + animationExt)),
                            current -> timelineOptions.timeline(target, current),
                            timelineOptions.settings()));
            summary = batch.run(job, new BatchRun.Listener() {
                @Override
                public void started(int photos, int alreadyDone) {
                    out.printf("%d photo(s) in %s, %d already done in %s%n", photos, batch.inputDir(), alreadyDone,
                            batch.outputDir());
                    out.flush();
                    progress.start(photos);
                }

                @Override
                public void warning(String message) {
                    spec.commandLine().getErr().println("warning: " + message);
                }

                @Override
                public void finished(Path photo, BatchRun.Outcome outcome, String reason) {
                    progress.extraMessage(photo.getFileName().toString());
                    progress.step();
                }
            }, () -> false);
        } finally {
            progress.close();
        }
        out.printf("done %d, skipped %d (already done), failed %d%n", summary.done(), summary.skipped(),
                summary.failed().size());
        for (BatchRun.Failure f : summary.failed()) {
            out.printf("  failed: %s: %s%n", batch.inputDir().relativize(f.input()), f.reason());
        }
        return summary.failed().isEmpty() ? 0 : 1;
    }
}
