package org.ganimationstudio.service;

import org.ganimationstudio.model.AuVector;

/** An expression at a moment of an animation; {@code easing} shapes the way into it from the keyframe before. */
public record Keyframe(double time, AuVector aus, Easing easing) {

    public Keyframe {
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("a keyframe's time must be a number of seconds >= 0, got " + time);
        }
        if (aus == null || easing == null) {
            throw new IllegalArgumentException("a keyframe needs AUs and an easing");
        }
    }
}
