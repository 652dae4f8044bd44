package org.ganimationstudio.model;

/** A JSON input that cannot be used, with the reason in plain words (file, place and what to change). */
public final class JsonInputException extends IllegalArgumentException {

    public JsonInputException(String message) {
        super(message);
    }

    public JsonInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
