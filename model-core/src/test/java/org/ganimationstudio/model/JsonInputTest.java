package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared JSON reader: strict, bounded, and every refusal in plain words naming the file and place. */
class JsonInputTest {

    @TempDir
    Path tmp;

    private static String refusal(Runnable r) {
        Throwable t = catchThrowable(r::run);
        assertThat(t).isInstanceOf(JsonInputException.class);
        assertThat(t.getMessage()).doesNotContain("Exception", "com.fasterxml", "JsonLocation", "Cannot invoke",
                "StreamReadConstraints", "`");
        return t.getMessage();
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void trailingGarbageIsRefused() throws Exception {
        Path f = file("t.json", "{\"a\": 1} {\"b\": 2}");
        assertThat(refusal(() -> JsonInput.read(f, "test file"))).startsWith("t.json, line 1")
                .contains("more after the end of the JSON value");
        assertThat(refusal(() -> JsonInput.parse("[1, 2] x", "text"))).contains("text");
    }

    @Test
    void sizeLimitsOfTheParserGetPlainWords() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(refusal(() -> JsonInput.parse(deep, "deep.json"))).contains("deep.json")
                .contains("deeper than " + JsonInput.MAX_DEPTH + " levels");
        String longNumber = "{\"AU12\": 0." + "1".repeat(5000) + "}";
        assertThat(refusal(() -> JsonInput.parse(longNumber, "n.json"))).contains("number longer than");
        String longText = "{\"preset\": \"" + "x".repeat(200_000) + "\"}";
        assertThat(refusal(() -> JsonInput.parse(longText, "s.json"))).contains("text longer than");
        String longKey = "{\"" + "k".repeat(5_000) + "\": 1}";
        assertThat(refusal(() -> JsonInput.parse(longKey, "k.json"))).contains("key longer than");
    }

    @Test
    void aVeryLargeFileIsRefusedByItsSizeBeforeParsing() throws Exception {
        Path big = tmp.resolve("keyframes.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(200L << 20); // sparse: 200 MB that cost no disk and would cost the parser everything
        }
        assertThat(refusal(() -> JsonInput.read(big, "keyframes file")))
                .isEqualTo("keyframes.json is 200.0 MB; JSON inputs are limited to 4 MB");
    }

    @Test
    void unknownAndDuplicateKeysAreRefused() throws Exception {
        record Point(int x, int y) {
        }
        Path f = file("p.json", "{\"x\": 1, \"y\": 1, \"why\": 2}");
        assertThat(refusal(() -> JsonInput.read(f, Point.class, "point"))).contains("unknown key 'why'")
                .contains("allowed keys: x, y");
        JsonNode node = JsonInput.parse("{\"preset\": \"happiness\", \"intesity\": 0.1}", "e.json");
        assertThat(refusal(() -> JsonInput.checkKeys(node, "e.json", List.of("preset", "intensity"))))
                .isEqualTo("e.json: unknown key 'intesity'; allowed keys: preset, intensity");
        assertThat(refusal(() -> JsonInput.parse("{\"a\": 1, \"a\": 2}", "d.json"))).contains("'a' appears twice");
    }

    @Test
    void typeErrorsGetPlainWords() throws Exception {
        record Box(int size, List<Double> range, boolean on) {
        }
        assertThat(refusal(() -> JsonInput.read(write("{\"size\": \"128\", \"range\": [0], \"on\": true}"), Box.class, "b")))
                .contains("'size' must be a whole number");
        assertThat(refusal(() -> JsonInput.read(write("{\"size\": 1.5, \"range\": [0], \"on\": true}"), Box.class, "b")))
                .contains("'size' must be a whole number");
        assertThat(refusal(() -> JsonInput.read(write("{\"size\": 1, \"range\": 3, \"on\": true}"), Box.class, "b")))
                .contains("'range' must be a list");
        assertThat(refusal(() -> JsonInput.read(write("{\"size\": 1, \"range\": [0], \"on\": \"yes\"}"), Box.class, "b")))
                .contains("'on' must be true or false");
        assertThat(refusal(() -> JsonInput.read(write("[1]"), Box.class, "b"))).contains("the whole file must be an object");
        assertThat(refusal(() -> JsonInput.read(write("{\"range\": [0], \"on\": true}"), Box.class, "b")))
                .contains("'size' is missing");
        assertThat(refusal(() -> JsonInput.parse("{\"a\": NaN}", "x.json"))).contains("'NaN' is not a JSON value");
        JsonNode n = JsonInput.parse("{\"t\": {\"x\": 1}}", "x.json");
        assertThat(refusal(() -> JsonInput.number(n.get("t"), "t", "x.json"))).isEqualTo("x.json: 't' must be a number, got an object");
        assertThat(refusal(() -> JsonInput.text(n, "t", "x.json", null))).isEqualTo("x.json: 't' must be text in quotes, got an object");
    }

    private int written;

    private Path write(String text) {
        try {
            return file("b" + (written++) + ".json", text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFolderOrANamedPipeIsNamedAsSuchAndNeverBlocks() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("dir.json"));
        assertThat(refusal(() -> JsonInput.read(folder, "keyframes file"))).endsWith("dir.json is a folder, not a keyframes file");
        Path fifo = tmp.resolve("pipe.json");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "mkfifo is not available here");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        // nothing ever writes to the pipe: opening it for reading would block forever
        assertThat(refusal(() -> JsonInput.read(fifo, "keyframes file"))).endsWith("is a named pipe (FIFO), not a keyframes file");
        assertThat(refusal(() -> JsonInput.read(tmp.resolve("none.json"), "keyframes file"))).startsWith("no such file");
    }
}
