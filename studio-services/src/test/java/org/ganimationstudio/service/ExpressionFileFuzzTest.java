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
 * Coverage-guided fuzzing of expression files ({@code --aus-file}): {@link ExpressionSpec#resolve}
 * gives 17 AU values in [0, 1], or an IllegalArgumentException with a message; any other throwable,
 * or a read over the time limit, is a finding.
 *
 * <p>A plain build replays the inputs under {@code ExpressionFileFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/RELIABILITY.md).
 */
class ExpressionFileFuzzTest {

    /** Per-input time limit: an input that takes longer is a finding (a hang). */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    @TempDir
    static Path tmp;

    @BeforeAll
    static void warmUp() {
        FuzzInputs.warmUp(ExpressionFileFuzzTest.class, "expressionFile", ExpressionFileFuzzTest::resolvesOrRefuses);
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "expression-json.dict")
    void expressionFile(byte[] bytes) {
        assertTimeoutPreemptively(TIME_LIMIT, () -> resolvesOrRefuses(bytes));
    }

    private static void resolvesOrRefuses(byte[] bytes) throws Exception {
        Path file = Files.write(tmp.resolve("expression.json"), bytes);
        FaceExpression expression;
        try {
            expression = ExpressionSpec.resolve(null, 1, file, null);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        // an accepted file applies to any face: from all AUs at 0 and from a face that shows some of each
        float[] some = new float[17];
        java.util.Arrays.fill(some, 0.4f);
        for (AuVector own : new AuVector[] {AuVector.zero(), AuVector.of(some)}) {
            AuVector aus = expression.target(own);
            assertThat(aus.toArray()).hasSize(17);
            for (float x : aus.toArray()) {
                assertThat(x).isBetween(0f, 1f);
            }
        }
    }
}
