package org.ganimationstudio.face;

import java.io.IOException;

/** A file that cannot be used as a photo; the message says why in plain words. */
public class PhotoReadException extends IOException {

    public PhotoReadException(String message) {
        super(message);
    }

    public PhotoReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
