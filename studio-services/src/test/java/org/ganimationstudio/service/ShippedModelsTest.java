package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or damaged shipped model is said to be so; the untrained fixture never stands in for it. */
class ShippedModelsTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingDefaultModelIsReportedNotReplacedByTheFixture() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("assets/models"));
        copy(SampleFixture.FIXTURE, models.resolve("fixture"));
        assertThatThrownBy(() -> ShippedModels.firstOf(List.of(models.resolve("default")),
                ModelKind.EXPRESSION_GENERATOR, "model", ShippedModels.MODEL_ENV))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("the shipped model is missing")
                .hasMessageContaining("reinstall");
    }

    @Test
    void aDamagedDefaultModelIsReportedAsDamaged() throws Exception {
        Path dir = copy(SampleFixture.FIXTURE, tmp.resolve("assets/models/default"));
        byte[] bytes = Files.readAllBytes(dir.resolve("generator.pt"));
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(dir.resolve("generator.pt"), bytes);
        assertThatThrownBy(() -> ShippedModels.firstOf(List.of(dir), ModelKind.EXPRESSION_GENERATOR, "model",
                ShippedModels.MODEL_ENV))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("the shipped model in " + dir + " is damaged")
                .hasMessageContaining("reinstall");
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
