package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing of model.json: the fuzzed bytes become the model.json of a folder that
 * also holds the fixture generator, and {@link ModelDirectory#open} (as a generator and as an AU
 * estimator) gives a checked directory or an {@link InvalidModelException} with a message; any
 * other throwable, or an open over the time limit, is a finding.
 *
 * <p>A plain build replays the inputs under {@code ModelJsonFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/RELIABILITY.md).
 */
class ModelJsonFuzzTest {

    /** Per-input time limit: an input that takes longer is a finding (a hang). */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    @TempDir
    static Path tmp;

    private static Path dir;

    @BeforeAll
    static void copyFixtureAndWarmUp() throws Exception {
        dir = TestModels.copy(TestModels.fixture(), tmp.resolve("model"));
        FuzzInputs.warmUp(ModelJsonFuzzTest.class, "modelJson", ModelJsonFuzzTest::opensOrRefuses);
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "model-json.dict")
    void modelJson(byte[] bytes) {
        assertTimeoutPreemptively(TIME_LIMIT, () -> opensOrRefuses(bytes));
    }

    private static void opensOrRefuses(byte[] bytes) throws Exception {
        Files.write(dir.resolve(ModelDirectory.METADATA_FILE), bytes);
        for (ModelKind kind : ModelKind.values()) {
            ModelDirectory opened;
            try {
                opened = ModelDirectory.open(dir, kind);
            } catch (InvalidModelException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                continue;
            }
            assertThat(opened.kind()).isEqualTo(kind);
            assertThat(opened.metadata()).isNotNull();
            assertThat(opened.networkFile()).isRegularFile().startsWith(dir);
            assertThat(opened.inputSize()).isPositive();
        }
    }
}
