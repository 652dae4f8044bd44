package org.ganimationstudio.service;

import java.util.Map;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.EmotionPreset;

/**
 * What is asked of a face, given its own expression: a preset at an intensity runs from the face as it
 * is (0) to the preset (1), and AU values set on top leave the other AUs as photographed. A face asked
 * for its own expression is left untouched.
 */
@FunctionalInterface
public interface FaceExpression {

    AuVector target(AuVector own);

    /** The face as it is. */
    static FaceExpression own() {
        return own -> own;
    }

    /** The same AUs for every face, whatever it shows now. */
    static FaceExpression absolute(AuVector aus) {
        return own -> aus;
    }

    /** From the face's own expression (0) to {@code goal} (1). */
    static FaceExpression toward(AuVector goal, double intensity) {
        checkIntensity(intensity);
        return own -> intensity == 0 ? own : own.interpolate(goal, intensity);
    }

    /** From the face's own expression (0) to {@code preset} on this face (1): the AUs it keeps stay as they are. */
    static FaceExpression toward(EmotionPreset preset, double intensity) {
        checkIntensity(intensity);
        return own -> intensity == 0 ? own : own.interpolate(preset.on(own), intensity);
    }

    private static void checkIntensity(double intensity) {
        if (!(intensity >= 0 && intensity <= 1)) {
            throw new IllegalArgumentException("an intensity must be within [0, 1], got " + intensity);
        }
    }

    /** This expression with some AUs set. */
    default FaceExpression with(Map<String, ? extends Number> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        return own -> target(own).withAll(changes);
    }
}
