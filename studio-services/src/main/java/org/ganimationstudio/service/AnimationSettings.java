package org.ganimationstudio.service;

/**
 * How an animation is written.
 *
 * @param fps      frames per second
 * @param pingPong play forward then back (seamless loops)
 * @param maxSide  longest side of the output in pixels (0: the source's own size, halved until it is at most 1920)
 * @param faceOnly the aligned face crop instead of the whole photo (first chosen face)
 */
public record AnimationSettings(double fps, boolean pingPong, int maxSide, boolean faceOnly) {

    public AnimationSettings {
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be within (0, 120], got " + fps);
        }
        if (maxSide != 0 && (maxSide < 16 || maxSide > 4096)) {
            throw new IllegalArgumentException("the output size must be within 16 to 4096 pixels, got " + maxSide);
        }
    }
}
