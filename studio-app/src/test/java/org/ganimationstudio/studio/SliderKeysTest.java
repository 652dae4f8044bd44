package org.ganimationstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The studio's slider keys: fine steps, coarse steps, pages and the ends, always on a 0.01 grid in [0, 1]. */
class SliderKeysTest {

    private static Double next(double v, KeyCode code, boolean shift) {
        return SliderKeys.next(v, 0, 1, code, shift);
    }

    @Test
    void arrowsStepAHundredthAndShiftATenth() {
        assertThat(next(0.5, KeyCode.RIGHT, false)).isEqualTo(0.51);
        assertThat(next(0.5, KeyCode.UP, false)).isEqualTo(0.51);
        assertThat(next(0.5, KeyCode.LEFT, false)).isEqualTo(0.49);
        assertThat(next(0.5, KeyCode.DOWN, true)).isEqualTo(0.4);
        assertThat(next(0.5, KeyCode.RIGHT, true)).isEqualTo(0.6);
        // a value read from a photo lands on the grid at the first step
        assertThat(next(0.3456, KeyCode.RIGHT, false)).isEqualTo(0.36);
    }

    @Test
    void pagesMoveAQuarterAndHomeAndEndGoToTheEnds() {
        assertThat(next(0.5, KeyCode.PAGE_UP, false)).isEqualTo(0.75);
        assertThat(next(0.5, KeyCode.PAGE_DOWN, false)).isEqualTo(0.25);
        assertThat(next(0.37, KeyCode.HOME, false)).isEqualTo(0.0);
        assertThat(next(0.37, KeyCode.END, false)).isEqualTo(1.0);
    }

    @Test
    void stepsStopAtTheEndsAndOtherKeysAreNotSteps() {
        assertThat(next(0.995, KeyCode.RIGHT, false)).isEqualTo(1.0);
        assertThat(next(0.9, KeyCode.PAGE_UP, false)).isEqualTo(1.0);
        assertThat(next(0.05, KeyCode.LEFT, true)).isEqualTo(0.0);
        assertThat(next(0.5, KeyCode.A, false)).isNull();
        assertThat(next(0.5, KeyCode.TAB, false)).isNull();
    }
}
