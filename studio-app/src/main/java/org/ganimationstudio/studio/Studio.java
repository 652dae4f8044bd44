package org.ganimationstudio.studio;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuEstimator;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.EditSession;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.FaceAuReader;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.PreviewRenderer;

/**
 * What the window works with, off the UI thread: the model, the face detector, opening photos, the
 * live-preview render loop and batch runs. No JavaFX here: results come back through plain callbacks.
 */
public final class Studio implements AutoCloseable {

    private final ExpressionModel model;
    private final ExpressionEditor editor;
    private final PreviewRenderer preview;
    private final FaceDetector detector = new FaceDetector();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-open");
        t.setDaemon(true);
        return t;
    });

    // its own thread, so a long batch never holds up opening a photo
    private final ExecutorService batches = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-batch");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    private final FaceAuReader auReader;

    private Studio(ExpressionModel model, ModelDirectory estimatorDir) {
        this.model = model;
        this.auReader = new FaceAuReader(() -> {
            if (estimatorDir == null) {
                throw new InvalidModelException("no AU estimator is installed (assets/models/estimator)");
            }
            return AuEstimator.open(estimatorDir, ComputeDevice.CPU);
        });
        this.editor = new ExpressionEditor(model);
        this.preview = new PreviewRenderer(editor);
    }

    /** @param estimator the AU estimator's directory, or null for none ("read from photo" then says so) */
    public static Studio open(ModelDirectory dir, ModelDirectory estimator, ComputeDevice device) throws InvalidModelException {
        return new Studio(ExpressionModel.open(dir, device), estimator);
    }

    /** The chosen face's current AUs as the estimator reads them, in the background. */
    public CompletableFuture<AuVector> readAus(EditSession session) {
        return CompletableFuture.supplyAsync(() -> auReader.read(session.chosenFace()), io);
    }

    /** Reads the photo and finds its faces in the background. */
    public CompletableFuture<EditSession> openPhoto(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                PhotoFaces faces = PhotoFaces.detect(new PhotoReader().read(file), detector);
                if (faces.isEmpty()) {
                    throw new IllegalArgumentException("no face found in " + file.getFileName());
                }
                return new EditSession(faces, AuVector.zero());
            } catch (org.ganimationstudio.face.PhotoReadException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, io);
    }

    /** Asks for a preview of the session's face at {@code aus}; only the newest request is rendered. */
    public void render(EditSession session, AuVector aus, Consumer<EditedPhoto> onResult, Consumer<Exception> onError) {
        preview.request(session.chosenFace(), aus, onResult, onError);
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
        detector.close();
        model.close();
        auReader.close();
    }
}
