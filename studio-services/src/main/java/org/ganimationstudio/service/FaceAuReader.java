package org.ganimationstudio.service;

import org.ganimationstudio.model.AuEstimator;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.InvalidModelException;

/**
 * Reads a face's current expression with the AU estimator, which is opened on first use only (an
 * animation from a neutral face, or a session that never asks, does not need it) and then kept.
 */
public final class FaceAuReader implements AutoCloseable {

    /** Opens the estimator when it is first needed. */
    @FunctionalInterface
    public interface Opener {
        AuEstimator open() throws InvalidModelException;
    }

    private final Opener opener;
    private AuEstimator estimator;

    public FaceAuReader(Opener opener) {
        this.opener = opener;
    }

    /** The AUs of the first face of {@code faces}. */
    public AuVector read(PhotoFaces faces) {
        return read(faces, 0);
    }

    /** The AUs of face {@code index} of {@code faces}. */
    public synchronized AuVector read(PhotoFaces faces, int index) {
        if (estimator == null) {
            try {
                estimator = opener.open();
            } catch (InvalidModelException e) {
                throw new IllegalArgumentException("the face's current expression needs the AU estimator: "
                        + e.getMessage(), e);
            }
        }
        return estimator.estimate(faces.inputs(estimator.inputSize()).get(index));
    }

    @Override
    public synchronized void close() {
        if (estimator != null) {
            estimator.close();
            estimator = null;
        }
    }
}
