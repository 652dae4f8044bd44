package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of preset files: {@link EmotionPresets#parse} gives presets whose AU values
 * all lie in [0, 1], or an IllegalArgumentException with a message; any other throwable, or a parse
 * over the time limit, is a finding.
 *
 * <p>A plain build replays the inputs under {@code PresetsFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/RELIABILITY.md).
 */
class PresetsFuzzTest {

    /** Per-input time limit: an input that takes longer is a finding (a hang). */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    @BeforeAll
    static void warmUp() {
        FuzzInputs.warmUp(PresetsFuzzTest.class, "presets", PresetsFuzzTest::parsesOrRefuses);
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "presets.dict")
    void presets(byte[] bytes) {
        assertTimeoutPreemptively(TIME_LIMIT, () -> parsesOrRefuses(bytes));
    }

    private static void parsesOrRefuses(byte[] bytes) {
        EmotionPresets presets;
        try {
            presets = EmotionPresets.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        for (EmotionPreset preset : presets.all()) {
            assertThat(preset.id()).isNotBlank();
            for (float v : preset.aus().toArray()) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }
}
