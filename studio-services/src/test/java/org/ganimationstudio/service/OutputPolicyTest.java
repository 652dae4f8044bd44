package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one output policy, on real files: no-replace renames, inputs, folders, names, clean-up. */
class OutputPolicyTest {

    @TempDir
    Path tmp;

    @Test
    void aFileCreatedWhileWritingIsNeverReplacedWithoutOverwrite() throws Exception {
        Path target = tmp.resolve("out.png");
        OutputPolicy policy = OutputFiles.prepare(null, false, target);
        // another run finishes the same output while this one is still writing
        assertThatThrownBy(() -> OutputFiles.write(target, policy, part -> {
            Files.writeString(part, "this run's picture");
            Files.writeString(target, "the other run's picture");
        })).satisfies(e -> assertThat(PlainMessage.of(e)).contains("out.png", "--overwrite"));
        assertThat(Files.readString(target)).isEqualTo("the other run's picture");
        assertThat(listing(tmp)).containsExactly("out.png");
        // asked to replace, it does
        OutputFiles.write(target, OutputFiles.prepare(null, true, target), part -> Files.writeString(part, "replaced"));
        assertThat(Files.readString(target)).isEqualTo("replaced");
        assertThatThrownBy(() -> OutputFiles.prepare(null, false, target)).hasMessageContaining("exists (use --overwrite");
    }

    @Test
    void anInputIsNeverWrittenNotEvenThroughALink() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path photo = Files.writeString(photos.resolve("me.png"), "the photo");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), photos);
        assertThatThrownBy(() -> OutputFiles.prepare(photo, true, link.resolve("me.png")))
                .hasMessageContaining("is the input");
        OutputPolicy folderInput = OutputPolicy.of(true, photos);
        assertThatThrownBy(() -> OutputFiles.write(link.resolve("new.png"), folderInput, p -> Files.writeString(p, "x")))
                .hasMessageContaining("inside the input");
        assertThat(Files.readString(photo)).isEqualTo("the photo");
        assertThat(listing(photos)).containsExactly("me.png");
    }

    @Test
    void aFolderWhereTheFileShouldGoIsAnError() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("out.png"));
        assertThatThrownBy(() -> OutputFiles.prepare(null, true, folder)).hasMessageContaining("is a folder");
        assertThatThrownBy(() -> OutputFiles.write(folder, OutputPolicy.REPLACE, p -> Files.writeString(p, "x")))
                .hasMessageContaining("is a folder");
        assertThat(folder).isDirectory();
    }

    @Test
    void partNamesStayWithinTheNameLimitForTheLongestLegalName() throws Exception {
        // 255 bytes: the longest name ext4, XFS and most others allow, in two-byte characters
        Path target = tmp.resolve("é".repeat(125) + "x.png");
        assertThat(target.getFileName().toString().getBytes(StandardCharsets.UTF_8)).hasSize(255);
        OutputFiles.writeImage(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), target, OutputPolicy.NEW_FILES);
        assertThat(ImageIO.read(target.toFile()).getWidth()).isEqualTo(4);
        Path part = PartFiles.create(target);
        assertThat(part.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(PartFiles.isPart(part)).isTrue();
        assertThat(PartFiles.isStale(part)).as("this process is alive").isFalse();
    }

    @Test
    void everyFailureRemovesItsPartFile() throws Exception {
        Path target = tmp.resolve("out.png");
        assertThatThrownBy(() -> OutputFiles.write(target, OutputPolicy.NEW_FILES, p -> {
            Files.writeString(p, "half");
            throw new IllegalStateException("the writer broke");
        })).hasMessageContaining("the writer broke");
        assertThatThrownBy(() -> OutputFiles.write(target, OutputPolicy.NEW_FILES, p -> {
            throw new NoClassDefFoundError("an encoder that fails to load");
        })).hasMessageContaining("fails to load");
        assertThatThrownBy(() -> OutputFiles.write(target, OutputPolicy.NEW_FILES, p -> {
            throw new IOException("No space left on device");
        })).hasMessage("could not write " + target + ": the disk is full; free some space and try again");
        assertThat(listing(tmp)).isEmpty();
    }

    @Test
    void severalFilesAreWrittenAllOrNothing() throws Exception {
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        LinkedHashMap<Path, OutputFiles.Writer> files = new LinkedHashMap<>();
        files.put(a, p -> Files.writeString(p, "a"));
        // b is taken by another run after the checks: a must not stay behind alone
        files.put(b, p -> Files.writeString(b, "someone else's"));
        assertThatThrownBy(() -> OutputFiles.writeAll(OutputPolicy.NEW_FILES, files)).hasMessageContaining("b.png");
        assertThat(listing(tmp)).containsExactly("b.png");
        assertThat(Files.readString(b)).isEqualTo("someone else's");
    }

    @Test
    void onlyThisProgramsPartFilesOfDeadProcessesAreStale() throws Exception {
        Path dead = tmp.resolve(".x.png~ganim-" + BatchRunTest.deadPid() + "-1700000000000-0123abcd.part");
        Path reused = tmp.resolve(".x.png~ganim-" + ProcessHandle.current().pid() + "-1000-0123abcd.part");
        Path live = PartFiles.create(tmp.resolve("x.png"));
        Path foreign = tmp.resolve(".x.png.part");
        for (Path p : List.of(dead, reused, foreign)) {
            Files.writeString(p, "partial");
        }
        assertThat(PartFiles.removeStale(tmp, false)).isEqualTo(2);
        assertThat(listing(tmp)).containsExactlyInAnyOrder(live.getFileName().toString(), ".x.png.part");
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
