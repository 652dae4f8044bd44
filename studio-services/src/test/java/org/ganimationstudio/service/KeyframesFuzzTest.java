package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.FuzzInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing of keyframe files: {@link Timeline#read} gives a timeline whose every
 * frame is a legal AU vector, or an IllegalArgumentException with a message; any other throwable,
 * or a read and render over the time limit, is a finding.
 *
 * <p>A plain build replays the inputs under {@code KeyframesFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/RELIABILITY.md).
 */
class KeyframesFuzzTest {

    /** Per-input time limit: an input that takes longer is a finding (a hang). */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private static final AuVector CURRENT = AuVector.parse("AU01=0.2,AU12=0.3");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void warmUp() {
        FuzzInputs.warmUp(KeyframesFuzzTest.class, "keyframes", KeyframesFuzzTest::readsOrRefuses);
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "expression-json.dict")
    void keyframes(byte[] bytes) {
        assertTimeoutPreemptively(TIME_LIMIT, () -> readsOrRefuses(bytes));
    }

    private static void readsOrRefuses(byte[] bytes) throws Exception {
        Path file = Files.write(tmp.resolve("keyframes.json"), bytes);
        Timeline timeline;
        try {
            timeline = Timeline.read(file, () -> CURRENT);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(timeline.duration()).isBetween(0.0, Timeline.MAX_SECONDS);
        // Every frame a render would ask for: 10 fps, or 1 fps for long timelines to bound the work.
        double fps = timeline.duration() > 30 ? 1 : 10;
        for (AuVector v : timeline.frames(fps, bytes.length % 2 == 0)) {
            for (float x : v.toArray()) {
                assertThat(x).isBetween(0f, 1f);
            }
        }
    }
}
