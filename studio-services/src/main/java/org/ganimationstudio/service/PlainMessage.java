package org.ganimationstudio.service;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.ganimationstudio.model.InvalidModelException;

/** A failure in plain words for a person (command line or dialog), never a stack trace. */
public final class PlainMessage {

    private PlainMessage() {
    }

    public static String of(Throwable error) {
        Throwable e = error;
        // background work wraps the real failure
        while ((e instanceof CompletionException || e instanceof ExecutionException || e instanceof UncheckedIOException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof InvalidModelException) {
            return "the model cannot be used: " + e.getMessage();
        }
        // NIO's own messages are just a path
        if (e instanceof FileAlreadyExistsException f) {
            return "cannot write " + f.getFile() + ": a file of that name is in the way";
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return "cannot write " + f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        }
        if (e instanceof java.util.concurrent.CancellationException) {
            return "cancelled";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory: the photo or the output is too large for the memory Java may use; ask for a "
                    + "smaller output, or allow Java more memory (e.g. GANIMATION_JAVA_OPTS=-Xmx8g)";
        }
        if (e instanceof StackOverflowError) {
            return "the input is nested too deeply to process";
        }
        String m = e.getMessage();
        // OpenCV's own assertion text ("OpenCV(4.x) …/resize.cpp:4211: error: (-215:Assertion failed) …")
        if (m != null && m.startsWith("OpenCV(")) {
            return "the image processing library could not handle this picture (an unusual size or shape?)";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
