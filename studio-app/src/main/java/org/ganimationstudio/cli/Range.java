package org.ganimationstudio.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric option accepts, checked (with its default) before a command runs, so that no
 * size, count or time outside it reaches the model, OpenCV or FFmpeg. For a list option, each value.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Range {

    double min();

    double max();

    /** When true the value must be more than {@link #min()}, not equal to it (a duration, a frame rate). */
    boolean aboveMin() default false;

    /** The unit in messages: "pixels", "s", "" for a plain count. */
    String unit() default "";

    /** Most values of a list option. */
    int maxValues() default 1;
}
