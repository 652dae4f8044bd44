package org.ganimationstudio.service;

import java.util.Locale;

/**
 * The video encoder's error log in plain words: what went wrong and what to do, never FFmpeg's own
 * text (which names codec internals and memory addresses). The raw log stays with the exception's cause.
 */
final class FfmpegMessages {

    private FfmpegMessages() {
    }

    static String plain(String log) {
        String l = log.toLowerCase(Locale.ROOT);
        if (l.contains("no space left on device")) {
            return "the disk is full; free some space and try again";
        }
        if (l.contains("permission denied") || l.contains("read-only file system")) {
            return "the animation's folder cannot be written to (permission denied)";
        }
        if (l.contains("cannot allocate memory") || l.contains("out of memory")) {
            return "the video encoder ran out of memory; ask for a smaller output size";
        }
        if (l.contains("no such file or directory")) {
            return "the animation's folder disappeared while it was being written";
        }
        if (l.contains("width") || l.contains("height") || l.contains("dimension") || l.contains("frame size")) {
            return "the video encoder does not take frames of this size; ask for a smaller output size";
        }
        if (l.contains("error while opening encoder") || l.contains("could not open encoder")) {
            return "the video encoder could not be set up for this animation; try a smaller output size or GIF";
        }
        return "the video encoder (FFmpeg) stopped with an error; run with --stacktrace to see its own message";
    }
}
