package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.ganimationstudio.service.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed writes leave no partial file, keep what was there, and never touch the source photo. */
class OutputFailuresTest {

    @TempDir
    Path tmp;

    @Test
    void aWriteThatFailsMidwayLeavesTheOldFileAndNoPartialOne() throws Exception {
        Path target = Files.writeString(tmp.resolve("edited.png"), "the previous output");
        assertThatThrownBy(() -> OutputFiles.writeAtomically(target, file -> {
            Files.write(file, new byte[4096]);
            throw new IOException("No space left on device");
        })).hasMessageContaining("the disk is full");
        assertThat(Files.readString(target)).isEqualTo("the previous output");
        assertThat(listing()).containsExactly("edited.png");
    }

    @Test
    void anOutputFolderThatCannotExistIsAPlainError() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        byte[] before = Files.readAllBytes(CliRun.SAMPLE);
        CliRun r = CliRun.run("render", "--model", CliRun.FIXTURE.toString(), "-i", CliRun.SAMPLE.toString(),
                "-o", blocker.resolve("out.png").toString(), "--preset", "anger");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").contains("not-a-folder").doesNotContain("\tat ");
        CliRun a = CliRun.run("animate", "--model", CliRun.FIXTURE.toString(), "-i", CliRun.SAMPLE.toString(),
                "-o", blocker.resolve("out.gif").toString(), "--preset", "anger", "--from", "neutral", "--duration", "0.2");
        assertThat(a.status()).isEqualTo(1);
        assertThat(a.err()).startsWith("error: ").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(CliRun.SAMPLE)).isEqualTo(before);
        assertThat(listing()).containsExactly("not-a-folder");
    }

    @Test
    void aReadOnlyFolderIsAPlainError() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        // The superuser writes through permissions; an immutable folder stops it too.
        boolean immutable = Files.isWritable(locked) && SystemCommand.succeeds("chattr", "+i", locked.toString());
        try {
            assumeThat(!Files.isWritable(locked) || immutable).as("a folder this user cannot write to").isTrue();
            CliRun r = CliRun.run("render", "--model", CliRun.FIXTURE.toString(), "-i", CliRun.SAMPLE.toString(),
                    "-o", locked.resolve("out.png").toString(), "--preset", "anger");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: ").contains("locked").doesNotContain("\tat ");
            CliRun b = CliRun.run("batch", "--model", CliRun.FIXTURE.toString(), "-i", CliRun.SAMPLE.getParent().toString(),
                    "-o", locked.resolve("batch").toString(), "--preset", "anger");
            assertThat(b.status()).isEqualTo(1);
            assertThat(b.err()).startsWith("error: ").contains("locked").doesNotContain("\tat ");
            try (Stream<Path> s = Files.list(locked)) {
                assertThat(s).isEmpty();
            }
        } finally {
            if (immutable) {
                SystemCommand.succeeds("chattr", "-i", locked.toString());
            }
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
