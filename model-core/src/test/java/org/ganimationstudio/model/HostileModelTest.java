package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ganimationstudio.model.GeneratorDesign.GeneratorOutput;
import org.junit.jupiter.api.Test;

/**
 * Model directories whose checksums match but whose networks lie (training/ganimation/fixtures/hostile.py)
 * are refused at load time, each with its own message.
 */
class HostileModelTest {

    @Test
    void anAttentionOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> ExpressionModel.open(ModelDirectory.open(TestModels.resource("hostile-attention")),
                ComputeDevice.CPU))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("attention mask runs from -3")
                .hasMessageContaining("outside [0, 1]");
    }

    @Test
    void aNetworkOtherThanModelJsonDescribesIsRefused() {
        assertThatThrownBy(() -> ExpressionModel.open(ModelDirectory.open(TestModels.resource("hostile-architecture")),
                ComputeDevice.CPU))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("249,024 parameters")
                .hasMessageContaining("do not belong together");
    }

    @Test
    void aGeneratorThatCouldLoopForeverIsNeverRun() {
        assertThatThrownBy(() -> ModelDirectory.open(TestModels.resource("hostile-hangs")))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("holds a 'while' loop")
                .hasMessageContaining("could run forever");
    }

    @Test
    void aGeneratorTooSlowForTheMachineIsRefusedInTime() {
        String before = System.getProperty(ExpressionModel.PROBE_SECONDS_PROPERTY);
        System.setProperty(ExpressionModel.PROBE_SECONDS_PROPERTY, "1");
        try {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> ExpressionModel.open(ModelDirectory.open(TestModels.resource("hostile-slow")),
                    ComputeDevice.CPU))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining("no answer to a test face within 1 s");
            // refused when the limit is up, not when the network is done
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
        } finally {
            if (before == null) {
                System.clearProperty(ExpressionModel.PROBE_SECONDS_PROPERTY);
            } else {
                System.setProperty(ExpressionModel.PROBE_SECONDS_PROPERTY, before);
            }
        }
    }

    @Test
    void masksOutOfRangeAtRunTimeAreClampedAndNonNumbersRefused() {
        GeneratorOutput out = new GeneratorOutput(new float[] {0.5f, 1.2f, -0.0001f}, new float[] {-3f, 0.3f, 1f});
        assertThat(OutputRange.problem(out)).contains("colour mask runs from");
        assertThat(OutputRange.clamp(out)).isTrue();
        assertThat(out.color()).containsExactly(0.5f, 1f, 0f);
        assertThat(out.attention()).containsExactly(0f, 0.3f, 1f);
        assertThat(OutputRange.problem(out)).isNull();
        assertThatThrownBy(() -> OutputRange.clamp(new GeneratorOutput(new float[] {Float.NaN}, new float[] {0f})))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not numbers");
    }
}
