package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the files users and downloads hand the runtime: model.json (through the
 * real model-directory checks) and preset files. Each mutant is accepted or refused with the
 * runtime's own exception and a message; nothing else may escape, and nothing may hang.
 */
class ParserFuzzTest {

    @TempDir
    Path tmp;

    @Test
    void mutatedModelJsonIsAcceptedOrRefusedCleanly() throws Exception {
        Path dir = TestModels.copy(TestModels.fixture(), tmp.resolve("m"));
        Path json = dir.resolve(ModelDirectory.METADATA_FILE);
        String original = Files.readString(json);
        Mutator m = new Mutator(11);
        int iterations = Mutator.iterations(1500);
        int accepted = 0;
        int refused = 0;
        long slowest = 0;
        for (int i = 0; i < iterations; i++) {
            Files.writeString(json, m.mutateJson(original), StandardCharsets.UTF_8);
            long t = System.nanoTime();
            try {
                ModelDirectory.open(dir);
                accepted++;
            } catch (InvalidModelException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
            slowest = Math.max(slowest, System.nanoTime() - t);
        }
        System.out.printf("model.json fuzz: %d mutants, %d accepted, %d refused, slowest %.1f ms%n",
                iterations, accepted, refused, slowest / 1e6);
        assertThat(refused).isGreaterThan(iterations / 2);
        assertThat(slowest).isLessThan(5_000_000_000L);
    }

    @Test
    void mutatedPresetFilesAreAcceptedOrRefusedCleanly() throws Exception {
        String original = new String(EmotionPresets.class.getResourceAsStream("presets.json").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(EmotionPresets.parse(original).all()).hasSize(8);
        Mutator m = new Mutator(12);
        int iterations = Mutator.iterations(3000);
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            try {
                EmotionPresets p = EmotionPresets.parse(m.mutateJson(original));
                for (EmotionPreset e : p.all()) {
                    for (float v : e.aus().toArray()) {
                        assertThat(v).isBetween(0f, 1f);
                    }
                }
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        System.out.printf("presets fuzz: %d mutants, %d refused%n", iterations, refused);
        assertThat(refused).isPositive();
        assertThatThrownBy(() -> EmotionPresets.parse("{\"presets\": [{\"id\": \"x\", \"aus\": {\"AU12\": 2}}]}"))
                .hasMessageContaining("preset 'x'").hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> EmotionPresets.parse("{\"presets\": [{\"id\": \"x\", \"aus\": {}}, {\"id\": \"x\", \"aus\": {}}]}"))
                .hasMessageContaining("defined twice");
    }
}
