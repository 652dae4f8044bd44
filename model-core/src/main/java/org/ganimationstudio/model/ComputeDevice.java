package org.ganimationstudio.model;

import java.util.Locale;

/** Where the generator runs. {@link #AUTO} picks CUDA when a GPU is visible, else the CPU. */
public enum ComputeDevice {
    AUTO, CPU, CUDA;

    /** System property {@code ganimation.device}, then environment variable {@code GANIMATION_DEVICE}. */
    public static final String PROPERTY = "ganimation.device";

    public static ComputeDevice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device must be auto, cpu or cuda, got '" + text + "'");
        }
    }

    /** The device the user asked for through the property or environment, else AUTO. */
    public static ComputeDevice fromEnvironment() {
        String v = System.getProperty(PROPERTY, System.getenv("GANIMATION_DEVICE"));
        return v == null || v.isBlank() ? AUTO : parse(v);
    }
}
