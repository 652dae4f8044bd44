package org.ganimationstudio.model;

/** A model directory that cannot be used; the message names the problem in plain words. */
public class InvalidModelException extends Exception {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
