package org.ganimationstudio.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a path option names, checked before a command runs: an input file must be a readable file (a
 * folder, a named pipe or a device is named as such, and never opened), an input folder a folder, and
 * an existing output of the right kind.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface PathRole {

    enum Kind { INPUT_FILE, INPUT_FOLDER, OUTPUT_FILE, OUTPUT_FOLDER }

    Kind value();

    /** What the path is, for messages: "photo", "expression file", "model folder". */
    String what();
}
