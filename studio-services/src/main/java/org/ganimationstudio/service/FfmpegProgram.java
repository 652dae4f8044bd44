package org.ganimationstudio.service;

import java.io.IOException;
import org.bytedeco.javacpp.Loader;

/** The FFmpeg executable bundled in the build's JavaCPP jars, unpacked once to JavaCPP's cache. */
final class FfmpegProgram {

    private static String path;

    private FfmpegProgram() {
    }

    static synchronized String path() throws IOException {
        if (path == null) {
            try {
                path = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            } catch (Throwable e) { // UnsatisfiedLinkError: a system library it needs is missing
                throw new IOException("the bundled video encoder (ffmpeg) cannot be loaded: " + e.getMessage()
                        + (e.getMessage() != null && e.getMessage().contains("libpulse")
                        ? " (on Debian/Ubuntu: sudo apt-get install libpulse0)" : ""), e);
            }
        }
        return path;
    }
}
