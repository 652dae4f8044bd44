package org.ganimationstudio.service;

import java.nio.file.Path;

/** The animation files the studio writes, chosen by the output's extension. */
public enum AnimationFormat {
    /** Looping GIF with one palette made for the whole animation (FFmpeg palettegen/paletteuse). */
    GIF("gif"),
    /** H.264 in MP4 (OpenH264), yuv420p so every player opens it. */
    MP4("mp4");

    private final String extension;

    AnimationFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static AnimationFormat of(Path file) {
        String name = OutputFiles.lowerName(file);
        for (AnimationFormat f : values()) {
            if (name.endsWith("." + f.extension)) {
                return f;
            }
        }
        throw new IllegalArgumentException("an animation " + file.getFileName() + " must end in .gif or .mp4");
    }
}
