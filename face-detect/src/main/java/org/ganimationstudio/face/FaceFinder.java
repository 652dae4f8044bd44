package org.ganimationstudio.face;

import java.util.List;

/**
 * Finds the faces of a photo. Implementations: {@link CnnFaceFinder} (the default: a CNN detector and 68
 * landmarks, any rotation) and {@link HaarFaceFinder} (the cascades, the fallback); {@link FaceFinders}
 * opens the one the settings name. Thread-safe.
 */
public interface FaceFinder extends AutoCloseable {

    /**
     * Every face found, largest first, with ids face-1, face-2, …; empty when there is none. A face is
     * returned only when the finder is confident it is one.
     */
    List<DetectedFace> detect(Photo photo);

    /** {@code cnn} or {@code haar}, as settings and messages name it. */
    String name();

    @Override
    void close();
}
