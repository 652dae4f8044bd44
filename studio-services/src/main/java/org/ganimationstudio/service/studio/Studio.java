package org.ganimationstudio.service.studio;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.FaceFinderKind;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.face.PhotoReadException;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuEstimator;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.service.AnimationExport;
import org.ganimationstudio.service.AnimationSettings;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.PhotoEdit;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.ExpressionSheet;
import org.ganimationstudio.service.FaceAuReader;
import org.ganimationstudio.service.OutputFiles;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.PreviewRenderer;
import org.ganimationstudio.service.RenderQuality;
import org.ganimationstudio.service.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window works with, off the UI thread: the model, the face detector, opening photos, the
 * live-preview render loop, the exports and batch runs. No JavaFX here: results come back as futures and callbacks.
 */
public final class Studio implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);

    private final ExpressionModel model;
    /** The light generator for drafts while a slider moves, or null (the full one renders those too). */
    private final ExpressionModel draftModel;
    private final ModelDirectory modelDir;
    private final ExpressionEditor editor;
    /** Renders drafts and the animation player: the preview generator's editor, else {@link #editor}. */
    private final ExpressionEditor draftEditor;
    private final PreviewRenderer preview;
    private final FaceFinder detector;
    private final ExecutorService io = worker("studio-open");
    private final ExecutorService exports = worker("studio-export");
    // its own thread, so a long batch never holds up opening a photo or an export
    private final ExecutorService batches = worker("studio-batch");
    private volatile boolean closing;
    private final FaceAuReader auReader;

    private Studio(ExpressionModel model, ExpressionModel draftModel, ModelDirectory modelDir,
                   ModelDirectory estimatorDir, FaceFinderKind finder) {
        this.detector = ShippedModels.faceFinder(finder);
        this.model = model;
        this.draftModel = draftModel;
        this.modelDir = modelDir;
        this.auReader = new FaceAuReader(() -> {
            if (estimatorDir == null) {
                throw new InvalidModelException("no AU estimator is installed (assets/models/estimator)");
            }
            return AuEstimator.open(estimatorDir, ComputeDevice.CPU);
        });
        // each face's own expression is where its sliders start and what an edit is measured from
        this.editor = new ExpressionEditor(model, estimatorDir == null ? null : auReader, true);
        this.draftEditor = draftModel == null ? editor : editor.with(draftModel);
        this.preview = new PreviewRenderer(editor, draftEditor);
    }

    /** @param estimator the AU estimator's directory, or null for none ("read from photo" then says so) */
    public static Studio open(ModelDirectory dir, ModelDirectory estimator, ComputeDevice device) throws InvalidModelException {
        return open(dir, estimator, device, FaceFinderKind.fromEnvironment());
    }

    /** @param finder the face finder that opens photos (the CNN falls back to the cascades without its models) */
    public static Studio open(ModelDirectory dir, ModelDirectory estimator, ComputeDevice device, FaceFinderKind finder)
            throws InvalidModelException {
        ExpressionModel model = ExpressionModel.open(dir, device);
        ExpressionModel draft = null;
        try {
            Optional<ModelDirectory> previewDir = dir.preview();
            if (previewDir.isPresent()) {
                draft = ExpressionModel.open(previewDir.get(), device);
            }
        } catch (InvalidModelException e) {
            // drafts then come from the full generator: slower while dragging, nothing lost
            LOG.warn("no fast drafts: {}", e.getMessage());
        }
        return new Studio(model, draft, dir, estimator, finder);
    }

    /** Whether slider drags are drawn by a light preview generator (the full one renders on release). */
    public boolean hasDraftGenerator() {
        return preview.hasDraftGenerator();
    }

    private static ExecutorService worker(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the photo, finds its faces (maybe none) and reads each face's own expression, in the background. */
    public CompletableFuture<PhotoFaces> openPhoto(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return PhotoFaces.detect(new PhotoReader().read(file), detector);
            } catch (PhotoReadException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, io).thenCompose(this::readOwn);
    }

    /** Reads each face's own expression (kept in {@code faces}) in the background. */
    public CompletableFuture<PhotoFaces> readOwn(PhotoFaces faces) {
        return CompletableFuture.supplyAsync(() -> {
            editor.own(faces);
            return faces;
        }, io);
    }

    /**
     * An edit of every face of {@code faces}, previewed at most {@code previewMaxSide} pixels (0: full size), each
     * face starting at its own expression. Blocks on the AU readings when they are not read yet: call it off the UI
     * thread, or after {@link #readOwn}. The edit's faces are the preview's; exports use the full photo's same faces.
     */
    public PhotoEdit photoEdit(PhotoFaces faces, int previewMaxSide) {
        PhotoFaces shown = faces.scaledTo(previewMaxSide);
        return new PhotoEdit(shown, editor.own(shown));
    }

    /** Face {@code face} of the full photo alone (sheets, face-only animations). */
    public static PhotoFaces fullFace(PhotoFaces full, int face) {
        return full.choose(Integer.toString(face + 1));
    }

    /** The selected face's AUs as the estimator reads them, in the background. */
    public CompletableFuture<AuVector> readAus(PhotoEdit edit) {
        PhotoFaces face = edit.faces().choose(Integer.toString(edit.selected() + 1));
        return CompletableFuture.supplyAsync(() -> auReader.read(face), io);
    }

    /**
     * The expression of another photo's largest face, as the estimator reads it, in the background: the source of
     * "copy expression from photo". Fails with a plain message when the photo has no face.
     */
    public CompletableFuture<AuVector> expressionOf(Path file) {
        return openPhoto(file).thenApply(faces -> {
            if (faces.isEmpty()) {
                throw new IllegalArgumentException("no face found in " + file.getFileName() + " to copy an expression from");
            }
            return editor.own(faces).get(0);
        });
    }

    /** Drops the preview waiting to be rendered: the photo it was for is no longer shown. */
    public void cancelRenders() {
        preview.cancelPending();
    }

    /** Asks for a preview of every face at its target; only the newest request is rendered. */
    public void render(PhotoEdit edit, RenderQuality quality, Consumer<EditedPhoto> onResult, Consumer<Exception> onError) {
        preview.request(edit.faces(), edit.targets(), quality, onResult, onError);
    }

    /** Writes the full-size photo with each face at its target (atomically; never over the source photo). */
    public CompletableFuture<Path> exportStill(PhotoFaces full, List<AuVector> targets, Path target) {
        return writeImage(full, target, () -> editor.edit(full, targets).photo().image());
    }

    /** Cells in the systematic expression sheet. */
    public static int sheetCells() {
        return ExpressionSheet.systematic().size();
    }

    /**
     * Writes the systematic 72-expression sheet of {@code face}, reporting the cells done; a cancelled sheet stops
     * before its next batch and writes nothing.
     */
    public CompletableFuture<Path> exportSheet(PhotoFaces face, Path target, BooleanSupplier cancelled, IntConsumer progress) {
        String name = face.photo().source() == null ? "photo" : face.photo().source().getFileName().toString();
        return writeImage(face, target, () -> ExpressionSheet.render(editor, face,
                name + " - 72 expressions: upper face x lower face", ExpressionSheet.systematic(), 9, 128, cancelled, progress));
    }

    /** Checks the target before rendering (a bad name or the source photo fails at once), then writes it atomically. */
    private CompletableFuture<Path> writeImage(PhotoFaces face, Path target, java.util.function.Supplier<BufferedImage> render) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                OutputFiles.imageFormatOf(target);
                OutputFiles.checkTarget(face.photo().source(), target, true);
                OutputFiles.writeImage(render.get(), target);
                return target;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, exports);
    }

    /**
     * Renders the face alone (the aligned crop) at every frame of the timeline: the export dialog's player. It plays
     * the preview generator's frames when there is one (the export itself always renders with the full generator).
     */
    public CompletableFuture<List<BufferedImage>> previewFrames(PhotoFaces face, Timeline timeline, double fps, boolean pingPong) {
        return CompletableFuture.supplyAsync(() -> draftEditor.editedCrops(face, 0, timeline.frames(fps, pingPong)).stream()
                .map(org.ganimationstudio.model.RgbImage::toBufferedImage).toList(), exports);
    }

    /**
     * Encodes the animation (GIF or MP4, by the target's extension), reporting frames done: face {@code selected} of
     * the full photo follows {@code timeline} while every other face holds its edit ({@code targets}); a face-only
     * animation shows the selected face alone.
     */
    public CompletableFuture<AnimationExport.Result> exportAnimation(PhotoFaces full, int selected, List<AuVector> targets,
                                                                    Timeline timeline, AnimationSettings settings, Path target,
                                                                    BooleanSupplier cancelled, IntConsumer progress) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                OutputFiles.checkTarget(full.photo().source(), target, true);
                AnimationExport export = new AnimationExport(editor);
                if (settings.faceOnly()) {
                    return export.write(fullFace(full, selected), timeline, settings, target, cancelled, progress);
                }
                List<Timeline> perFace = new java.util.ArrayList<>(targets.size());
                for (int i = 0; i < targets.size(); i++) {
                    perFace.add(i == selected ? timeline : Timeline.between(targets.get(i), targets.get(i), timeline.duration(),
                            org.ganimationstudio.service.Easing.LINEAR));
                }
                return export.write(full, perFace, settings, target, cancelled, progress);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, exports);
    }

    /** Runs {@code work} on the studio's own worker for reading photos and files (never the common pool). */
    public <T> CompletableFuture<T> background(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, io);
    }

    /** The face's own AUs, for timelines that start "from the photo". Blocks: call it off the UI thread. */
    public AuVector currentAus(PhotoFaces face) {
        return editor.own(face).get(0);
    }

    /**
     * Renders every photo of {@code input} into {@code output} at {@code target}, in the background. The
     * future fails with a plain message when the folders cannot be used (say, the output inside the input).
     *
     * @param listener  hears of each photo, on the batch's thread
     * @param cancelled checked before each photo: a cancelled batch stops after the photo in progress
     */
    public CompletableFuture<BatchRun.Summary> runBatch(Path input, Path output, BatchOptions options, AuVector target,
                                                        BatchRun.Listener listener, BooleanSupplier cancelled) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new BatchRun(input, output, options.recursive()).run(options.job(editor, detector, target),
                        listener, () -> closing || cancelled.getAsBoolean());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, batches);
    }

    public ExpressionModel model() {
        return model;
    }

    /** The device the model runs on, in words ("CPU", "GPU 0"). */
    public String deviceLabel() {
        ai.djl.Device d = model.device();
        return d.isGpu() ? "GPU " + d.getDeviceId() : "CPU";
    }

    public ModelDirectory modelDirectory() {
        return modelDir;
    }

    @Override
    public void close() {
        preview.close();
        // a running batch stops after its current photo, before the model it uses is closed
        closing = true;
        batches.shutdown();
        try {
            batches.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
        exports.shutdownNow();
        detector.close();
        model.close();
        if (draftModel != null) {
            draftModel.close();
        }
        auReader.close();
    }
}
