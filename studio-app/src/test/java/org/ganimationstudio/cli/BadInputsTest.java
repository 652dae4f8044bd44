package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.face.PhotoReadException;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.service.PhotoFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated bad or odd photo through every entry point: opening (what the studio does), the
 * render command, and a batch of all of them. Each gets a plain-words error or a correct result,
 * within a time limit; the per-category outcomes are written to target/bad-inputs.md.
 */
class BadInputsTest {

    @TempDir
    Path tmp;

    /** Per category: tried, refused, opened, face found, rendered by the CLI. */
    private final Map<String, int[]> table = new LinkedHashMap<>();

    @Test
    void everyBadInputGetsAClearErrorOrACorrectResult() throws Exception {
        List<BadInputs.Case> cases = BadInputs.generate(CliRun.SAMPLE, tmp.resolve("corpus"));
        try (FaceFinder detector = ShippedModels.faceFinder()) {
            for (BadInputs.Case c : cases) {
                int[] row = table.computeIfAbsent(c.category(), k -> new int[5]);
                row[0]++;
                String name = c.file().getFileName().toString();
                // 1. open, as the studio does: decode, then find faces
                PhotoFaces opened = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    try {
                        Photo p = new PhotoReader().read(c.file());
                        return PhotoFaces.detect(p, detector);
                    } catch (PhotoReadException e) {
                        assertThat(e.getMessage()).as(name).contains(name).doesNotContain("Exception");
                        return null;
                    }
                }, name);
                if (opened == null) {
                    row[1]++;
                    assertThat(c.expect()).as(name + " must open").isEqualTo(BadInputs.Expect.REFUSED);
                } else {
                    row[2]++;
                    row[3] += opened.isEmpty() ? 0 : 1;
                    assertThat(c.expect()).as(name + " must be refused").isNotEqualTo(BadInputs.Expect.REFUSED);
                    if (c.expect() == BadInputs.Expect.OPENS_WITH_FACE) {
                        assertThat(opened.photo().width()).as(name).isEqualTo(512);
                        assertThat(opened.count()).as(name + ": the sample's face").isEqualTo(1);
                        // the colours survive the odd encoding: the orange suit (194, 68, 29) stays orange
                        int rgb = opened.photo().image().getRGB(80, 480);
                        assertThat((rgb >> 16) & 0xff).as(name + ": orange suit").isGreaterThan((rgb & 0xff) + 80);
                    } else {
                        assertThat(opened.isEmpty()).as(name).isTrue();
                    }
                }
                // 2. the render command
                Path out = tmp.resolve("out").resolve(name + ".png");
                CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.run("render", "--model",
                        CliRun.FIXTURE.toString(), "-i", c.file().toString(), "-o", out.toString(), "--preset", "happiness"), name);
                if (r.status() == 0) {
                    row[4]++;
                    assertThat(ImageIO.read(out.toFile()).getWidth()).as(name).isEqualTo(opened.photo().width());
                } else {
                    assertThat(r.err()).as(name).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
                    assertThat(out).doesNotExist();
                }
                assertThat(r.status() == 0).as(name + ": rendered iff it opened with a face")
                        .isEqualTo(opened != null && !opened.isEmpty());
            }
        }
        // 3. all of them as one batch: every file accounted for, the valid ones rendered
        CliRun batch = assertTimeoutPreemptively(Duration.ofMinutes(5), () -> CliRun.run("batch", "--model",
                CliRun.FIXTURE.toString(), "-i", tmp.resolve("corpus").toString(), "-o", tmp.resolve("batch").toString(),
                "--preset", "surprise", "--format", "png"));
        int rendered = table.values().stream().mapToInt(v -> v[4]).sum();
        assertThat(batch.status()).isEqualTo(1);
        assertThat(batch.out()).contains("done " + rendered + ", skipped 0 (already done), failed " + (cases.size() - rendered));
        assertThat(batch.out()).doesNotContain("\tat ");
        try (var files = Files.list(tmp.resolve("batch"))) {
            assertThat(files.count()).isEqualTo(rendered);
        }
        assertThat(table.get("CMYK")[4]).isEqualTo(2);
        assertThat(table.get("header bomb")[1]).isEqualTo(3);
        writeTable(cases.size());
    }

    private void writeTable(int total) throws Exception {
        StringBuilder md = new StringBuilder("| category | files | refused with a message | opened | face found | rendered |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        table.forEach((k, v) -> md.append(String.format("| %s | %d | %d | %d | %d | %d |%n", k, v[0], v[1], v[2], v[3], v[4])));
        md.append(String.format("| all | %d | | | | |%n", total));
        Path report = Path.of("target/bad-inputs.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, md);
        System.out.print(md);
    }
}
