package org.ganimationstudio.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.service.AnimationExport;
import org.ganimationstudio.service.AnimationSettings;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.Easing;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.ExpressionSpec;
import org.ganimationstudio.service.OutputFiles;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench-jobs", mixinStandardHelpOptions = true,
        description = {"Measure whole jobs: a FRAMES-frame animation (rendering alone, then GIF and MP4 of the photo, "
                + "then a GIF of the face crop) and a batch of PHOTOS copies of a photo, in one process."})
final class BenchJobsCommand implements Callable<Integer> {

    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    @Option(names = "--photo", required = true, paramLabel = "PHOTO", description = "A photo with one face.")
    Path photo;

    @Option(names = "--frames", defaultValue = "60", description = "Frames of the animation (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 10_000)
    int frames;

    @Option(names = "--photos", defaultValue = "100", description = "Photos in the batch (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 10_000)
    int photos;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("ganimation-bench");
        try (FaceFinder detector = ShippedModels.faceFinder(); ExpressionModel model = modelOptions.open()) {
            ExpressionEditor editor = new ExpressionEditor(model);
            PhotoFaces faces = PhotoFaces.detect(new PhotoReader().read(photo), detector).choose("1");
            // frames at 20 fps over frames/20 s: exactly `frames` frames
            Timeline timeline = Timeline.between(AuVector.zero(), ExpressionSpec.preset("happiness", 1), frames / 20.0,
                    Easing.EASE_IN_OUT);
            List<AuVector> aus = timeline.frames(20, false);
            editor.animate(faces, aus.subList(0, 8), () -> false, (i, f) -> { }); // warm-up
            out.printf("model %s on %s; photo %s (%dx%d)%n", model.directory().describe(), model.deviceName(),
                    photo.getFileName(), faces.photo().width(), faces.photo().height());

            long t = System.nanoTime();
            editor.renderFace(faces, 0, aus);
            out.printf(Locale.ROOT, "%d frames, face crops only (batches of %d):   %6.2f s%n", aus.size(),
                    ExpressionModel.DEFAULT_MAX_BATCH, secs(t));
            Optional<ModelDirectory> previewDir = model.directory().preview();
            if (previewDir.isPresent()) {
                try (ExpressionModel draft = ExpressionModel.open(previewDir.get(), modelOptions.computeDevice())) {
                    ExpressionEditor player = new ExpressionEditor(draft);
                    player.renderFace(faces, 0, aus.subList(0, 8)); // warm-up
                    t = System.nanoTime();
                    player.renderFace(faces, 0, aus);
                    out.printf(Locale.ROOT, "%d frames, face crops only, preview generator (the studio's player): %6.2f s%n",
                            aus.size(), secs(t));
                }
            }
            t = System.nanoTime();
            editor.animate(faces, aus, () -> false, (i, f) -> { });
            out.printf(Locale.ROOT, "%d frames, rendered and pasted into the photo: %6.2f s%n", aus.size(), secs(t));
            AnimationExport export = new AnimationExport(editor);
            for (String name : List.of("photo.gif", "photo.mp4", "face.gif")) {
                boolean face = name.startsWith("face");
                t = System.nanoTime();
                var r = export.write(faces, timeline, new AnimationSettings(20, false, 0, face), work.resolve(name),
                        () -> false, n -> { });
                out.printf(Locale.ROOT, "%d-frame %s at %dx%d, rendered and encoded:  %6.2f s (%d KB)%n", r.frames(),
                        name.substring(name.indexOf('.') + 1).toUpperCase(Locale.ROOT) + (face ? " of the face" : " of the photo"),
                        r.width(), r.height(), secs(t), Files.size(r.file()) / 1024);
            }

            Path in = Files.createDirectories(work.resolve("in"));
            String ext = photo.getFileName().toString().substring(photo.getFileName().toString().lastIndexOf('.'));
            for (int i = 0; i < photos; i++) {
                Files.copy(photo, in.resolve(String.format(Locale.ROOT, "photo-%03d%s", i, ext)));
            }
            AuVector smile = ExpressionSpec.preset("happiness", 0.8);
            BatchRun batch = new BatchRun(in, work.resolve("out"), false);
            t = System.nanoTime();
            BatchRun.Summary s = batch.run(pngJob((input, output) -> {
                PhotoFaces f = PhotoFaces.detect(new PhotoReader().read(input), detector).choose("all");
                OutputFiles.writeImage(editor.edit(f, smile).photo().image(), output);
            }), new BatchRun.Listener() { }, () -> false);
            double batchSecs = secs(t);
            out.printf(Locale.ROOT, "batch of %d photos (read, detect, render, paste, write PNG): %6.2f s, %.0f ms/photo; "
                    + "done %d, failed %d%n", photos, batchSecs, 1000 * batchSecs / photos, s.done(), s.failed().size());
            t = System.nanoTime();
            BatchRun.Summary again = batch.run(pngJob((input, output) -> {
                throw new IllegalStateException("a resumed batch re-rendered " + input);
            }), new BatchRun.Listener() { }, () -> false);
            out.printf(Locale.ROOT, "the same batch resumed (all %d skipped): %6.2f s%n", again.skipped(), secs(t));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }

    /** Renders one photo of a batch. */
    private interface PhotoRender {
        void render(Path input, Path output) throws Exception;
    }

    private static BatchRun.PhotoJob pngJob(PhotoRender render) {
        return new BatchRun.PhotoJob() {
            @Override
            public String outputExtension(Path input) {
                return "png";
            }

            @Override
            public void render(Path input, Path output) throws Exception {
                render.render(input, output);
            }
        };
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
