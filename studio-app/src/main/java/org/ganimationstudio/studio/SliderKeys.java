package org.ganimationstudio.studio;

import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Keyboard steps for the studio's 0–1 sliders, as photo editors have them: an arrow moves 0.01,
 * Shift + arrow 0.1, Page Up / Page Down 0.25, Home and End go to 0 and 1. (JavaFX's own slider keys
 * move a tenth of the range or, on these sliders, the whole of it.)
 */
final class SliderKeys {

    static final double STEP = 0.01;
    static final double SHIFT_STEP = 0.1;
    static final double PAGE_STEP = 0.25;

    private SliderKeys() {
    }

    /** Installs the steps on {@code slider}; {@code settled} runs after each step (a key press is a settled value). */
    static void install(Slider slider, Runnable settled) {
        slider.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Double next = next(slider.getValue(), slider.getMin(), slider.getMax(), e.getCode(), e.isShiftDown());
            if (next != null) {
                e.consume();
                if (next != slider.getValue()) {
                    slider.setValue(next);
                    settled.run();
                }
            }
        });
    }

    /** The value a key moves {@code value} to, on a 0.01 grid within [min, max]; null for keys that are not steps. */
    static Double next(double value, double min, double max, KeyCode code, boolean shift) {
        double step = shift ? SHIFT_STEP : STEP;
        double v;
        switch (code) {
            case RIGHT, UP, KP_RIGHT, KP_UP -> v = value + step;
            case LEFT, DOWN, KP_LEFT, KP_DOWN -> v = value - step;
            case PAGE_UP -> v = value + PAGE_STEP;
            case PAGE_DOWN -> v = value - PAGE_STEP;
            case HOME -> v = min;
            case END -> v = max;
            default -> {
                return null;
            }
        }
        return Math.max(min, Math.min(max, Math.round(v * 100) / 100.0));
    }
}
