package org.ganimationstudio.spark;

import java.nio.file.Path;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.service.ExpressionBatchJob;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.FaceAuReader;
import org.ganimationstudio.service.ShippedModels;

/**
 * The face finder, the generator, the AU estimator and the per-photo job of {@code ganimation batch},
 * wired as its command line wires them. Loading takes seconds, so an executor keeps these
 * ({@link RendererPool}) and lends one to each task in turn; one is used by one task at a time.
 */
final class PhotoRenderer implements AutoCloseable {

    private final FaceFinder detector;
    private final ExpressionModel model;
    private final FaceAuReader reader;
    private final ExpressionBatchJob job;
    private final long loadMillis;

    private PhotoRenderer(FaceFinder detector, ExpressionModel model, FaceAuReader reader, ExpressionBatchJob job,
                          long loadMillis) {
        this.detector = detector;
        this.model = model;
        this.reader = reader;
        this.job = job;
        this.loadMillis = loadMillis;
    }

    /** Loads everything for {@code settings}, whose model folders are at {@code model} and {@code estimator}. */
    static PhotoRenderer open(RenderSettings settings, Path model, Path estimator) throws Exception {
        long start = System.nanoTime();
        ComputeDevice device = settings.device() == null ? ComputeDevice.fromEnvironment()
                : ComputeDevice.parse(settings.device());
        FaceFinder detector = ShippedModels.faceFinder();
        ExpressionModel generator = null;
        FaceAuReader reader = null;
        try {
            generator = ExpressionModel.open(ShippedModels.generator(model), device);
            reader = new FaceAuReader(() -> {
                try {
                    return org.ganimationstudio.model.AuEstimator.open(ShippedModels.estimator(estimator), device);
                } catch (InvalidModelException e) {
                    throw new InvalidModelException(e.getMessage() + " (it reads each face's own expression, where "
                            + "every edit starts)", e);
                }
            });
            ExpressionEditor editor = new ExpressionEditor(generator, reader, settings.colorGuard());
            ExpressionBatchJob job = settings.job(editor, detector);
            return new PhotoRenderer(detector, generator, reader, job, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | Error e) {
            if (reader != null) {
                reader.close();
            }
            if (generator != null) {
                generator.close();
            }
            detector.close();
            throw e;
        }
    }

    /** Renders {@code photo} into {@code output} (a new local file) exactly as {@code batch} does; returns the faces edited. */
    int render(Path photo, Path output) throws Exception {
        return job.renderFaces(photo, output);
    }

    /** How long loading took, in milliseconds. */
    long loadMillis() {
        return loadMillis;
    }

    @Override
    public void close() {
        reader.close();
        model.close();
        detector.close();
    }
}
