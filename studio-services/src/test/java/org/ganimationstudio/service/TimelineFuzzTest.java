package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of keyframe timelines and expression files: each mutant gives a valid
 * timeline whose frames are all legal AU vectors, or an IllegalArgumentException with a message.
 */
class TimelineFuzzTest {

    @TempDir
    Path tmp;

    private static final String TIMELINE = """
            {"keyframes": [
              {"time": 0, "base": "current"},
              {"time": 0.8, "preset": "surprise", "intensity": 0.7, "easing": "ease-out"},
              {"time": 1.6, "AU12": 1, "AU06": 0.6, "aus": {"AU25": 0.5}, "easing": "linear"},
              {"time": 2.4, "base": "neutral", "easing": "hold"}
            ]}""";

    @Test
    void mutatedTimelinesAreAcceptedOrRefusedCleanly() throws Exception {
        Mutator m = new Mutator(3);
        int iterations = Mutator.iterations(4000);
        int refused = 0;
        Path file = tmp.resolve("t.json");
        AuVector current = AuVector.parse("AU01=0.2,AU12=0.3");
        for (int i = 0; i < iterations; i++) {
            Files.writeString(file, m.mutateJson(TIMELINE));
            try {
                Timeline t = Timeline.read(file, () -> current);
                double fps = t.duration() > 30 ? 1 : 10;
                for (AuVector v : t.frames(fps, i % 2 == 0)) {
                    for (float x : v.toArray()) {
                        assertThat(x).isBetween(0f, 1f);
                    }
                }
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        System.out.printf("timeline fuzz: %d mutants, %d refused%n", iterations, refused);
        assertThat(refused).isPositive().isLessThan(iterations);
    }

    @Test
    void mutatedExpressionFilesAreAcceptedOrRefusedCleanly() throws Exception {
        Mutator m = new Mutator(4);
        Path file = tmp.resolve("e.json");
        int iterations = Mutator.iterations(3000);
        for (int i = 0; i < iterations; i++) {
            Files.writeString(file, m.mutateJson("{\"preset\": \"happiness\", \"intensity\": 0.7, \"AU26\": 0.4, \"aus\": {\"AU45\": 1}}"));
            try {
                AuVector v = ExpressionSpec.resolve(null, 1, file, null).target(AuVector.zero());
                assertThat(v.toArray()).hasSize(17);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
