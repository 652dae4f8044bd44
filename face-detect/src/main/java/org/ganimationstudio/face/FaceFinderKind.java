package org.ganimationstudio.face;

import java.util.Locale;

/** Which face finder runs: {@link #CNN} unless the settings say {@link #HAAR}. */
public enum FaceFinderKind {
    CNN("cnn"), HAAR("haar");

    /** System property {@code ganimation.faceFinder}, then environment variable {@code GANIMATION_FACE_FINDER}. */
    public static final String PROPERTY = "ganimation.faceFinder";
    public static final String ENV = "GANIMATION_FACE_FINDER";

    private final String id;

    FaceFinderKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static FaceFinderKind parse(String text) {
        for (FaceFinderKind k : values()) {
            if (k.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("the face finder is cnn or haar, not '" + text + "'");
    }

    /** The kind the property or environment names, else CNN. */
    public static FaceFinderKind fromEnvironment() {
        String v = System.getProperty(PROPERTY, System.getenv(ENV));
        return v == null || v.isBlank() ? CNN : parse(v);
    }
}
