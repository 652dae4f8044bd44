package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken model directories are refused with one message that names the problem; the JVM survives. */
class BadModelDirectoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path fixtureCopy() throws IOException {
        return TestModels.copy(TestModels.fixture(), tmp.resolve("model"));
    }

    private static void editJson(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("model.json");
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static void updateChecksum(Path dir) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("generator.pt"))));
        editJson(dir, root -> ((ObjectNode) root.path("files").path("generator")).put("sha256", sha));
    }

    private static Throwable openFails(Path dir) {
        return org.assertj.core.api.Assertions.catchThrowable(() -> {
            try (ExpressionModel m = ExpressionModel.open(ModelDirectory.open(dir), ComputeDevice.CPU)) {
                m.render(TestModels.testFace(m.inputSize(), 0), AuVector.zero());
            }
        });
    }

    @Test
    void fixtureOpens() throws Exception {
        ModelDirectory dir = ModelDirectory.open(TestModels.fixture());
        assertThat(dir.inputSize()).isEqualTo(128);
        assertThat(dir.metadata().architecture().auCount()).isEqualTo(17);
        assertThat(dir.describe()).contains("128 px", "16 channels");
    }

    @Test
    void previewGeneratorIsFoundInItsFolderAndChecked() throws Exception {
        Path dir = fixtureCopy();
        assertThat(ModelDirectory.open(dir).preview()).isEmpty();

        TestModels.copy(TestModels.fixture(), dir.resolve(ModelDirectory.PREVIEW_DIR));
        ModelDirectory preview = ModelDirectory.open(dir).preview().orElseThrow();
        assertThat(preview.path()).isEqualTo(dir.resolve("preview"));
        assertThat(preview.preview()).isEmpty();

        Files.write(dir.resolve("preview/generator.pt"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ModelDirectory.open(dir).preview()).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("preview generator").hasMessageContaining("corrupt");

        Path other = dir.resolve(ModelDirectory.PREVIEW_DIR);
        for (Path f : java.util.List.of(other.resolve("generator.pt"), other.resolve("model.json"))) {
            Files.delete(f);
        }
        TestModels.copy(TestModels.resource("tiny-64px"), other);
        assertThatThrownBy(() -> ModelDirectory.open(dir).preview()).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("takes 64 px crops");
    }

    @Test
    void missingDirectoryOrMetadata() throws Exception {
        assertThat(openFails(tmp.resolve("nowhere"))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("does not exist");
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(openFails(tmp.resolve("empty"))).hasMessageContaining("has no model.json");
    }

    @Test
    void missingGeneratorFile() throws Exception {
        Path dir = fixtureCopy();
        Files.delete(dir.resolve("generator.pt"));
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("generator file generator.pt is missing");
    }

    @Test
    void corruptGeneratorIsCaughtByItsChecksum() throws Exception {
        Path dir = fixtureCopy();
        byte[] bytes = Files.readAllBytes(dir.resolve("generator.pt"));
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(dir.resolve("generator.pt"), bytes);
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("generator.pt is corrupt or was modified");
    }

    @Test
    void garbageGeneratorWithMatchingChecksumIsRefusedWithoutACrash() throws Exception {
        Path dir = fixtureCopy();
        Files.writeString(dir.resolve("generator.pt"), "this is not TorchScript");
        updateChecksum(dir);
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("generator.pt is not a TorchScript archive");
    }

    @Test
    void truncatedGeneratorWithMatchingChecksumIsRefused() throws Exception {
        Path dir = fixtureCopy();
        byte[] bytes = Files.readAllBytes(dir.resolve("generator.pt"));
        Files.write(dir.resolve("generator.pt"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        updateChecksum(dir);
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("generator.pt");
    }

    @Test
    void wrongAuCountInModelJson() throws Exception {
        Path dir = fixtureCopy();
        editJson(dir, root -> ((ArrayNode) root.path("actionUnits").path("codes")).remove(16));
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("the model takes 16 AUs")
                .hasMessageContaining("the studio needs these 17");
    }

    @Test
    void generatorBuiltForOtherAusIsCaughtByTheProbe() {
        // Its model.json claims 17 AUs; the TorchScript file has no embedded metadata and takes 5.
        assertThat(openFails(TestModels.resource("unlabelled-5-au"))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("the generator rejected a 17-AU input of 128x128 pixels");
    }

    @Test
    void modelJsonThatLiesAboutTheInputSize() throws Exception {
        Path dir = fixtureCopy();
        editJson(dir, root -> ((ObjectNode) root.path("input")).put("size", 64));
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessage("model.json says input size 64 but generator.pt was exported for 128");
    }

    @Test
    void modelJsonThatLiesAboutTheArchitecture() throws Exception {
        Path dir = fixtureCopy();
        editJson(dir, root -> ((ObjectNode) root.path("architecture")).put("repeatNum", 6));
        assertThat(openFails(dir)).hasMessageContaining("architecture.repeatNum = 6 but generator.pt was exported with 2");
    }

    @Test
    void invalidJsonAndUnknownFormat() throws Exception {
        Path dir = fixtureCopy();
        Files.writeString(dir.resolve("model.json"), "{ \"format\": ");
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model.json, line 1").hasMessageContaining("ends too early");
        Path other = TestModels.copy(TestModels.fixture(), tmp.resolve("other"));
        editJson(other, root -> root.put("formatVersion", 9));
        assertThat(openFails(other)).hasMessageContaining("format version 9 is not supported");
        Path estimator = TestModels.copy(TestModels.fixture(), tmp.resolve("estimator"));
        editJson(estimator, root -> root.put("kind", "au-estimator"));
        assertThat(openFails(estimator)).hasMessageContaining("'au-estimator' model, not an expression generator");
    }

    @Test
    void generatorPathCannotLeaveTheDirectory() throws Exception {
        Path dir = fixtureCopy();
        editJson(dir, root -> ((ObjectNode) root.path("files").path("generator")).put("path", "../../etc/passwd"));
        assertThat(openFails(dir)).hasMessageContaining("points outside its directory");
    }

    @Test
    void aPickleThatWouldRunCodeIsRefusedAndRunsNothing() throws Exception {
        // A TorchScript archive whose data.pkl asks the unpickler for os.system: Python's pickle would run
        // it; libtorch's unpickler only knows tensor and container types and must refuse.
        Path dir = fixtureCopy();
        Path marker = tmp.resolve("code-ran");
        byte[] body = ("cos\nsystem\n(S'touch " + marker + "'\ntR.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] evil = new byte[body.length + 2];
        evil[0] = (byte) 0x80; // PROTO 2, as torch writes it, so the unpickler reaches the GLOBAL opcode
        evil[1] = 2;
        System.arraycopy(body, 0, evil, 2, body.length);
        Path generator = dir.resolve("generator.pt");
        Path rebuilt = tmp.resolve("evil.pt");
        try (var in = new java.util.zip.ZipFile(generator.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(rebuilt))) {
            for (var e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().endsWith("/data.pkl") ? evil : in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
        }
        Files.copy(rebuilt, generator, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        updateChecksum(dir);
        Throwable t = openFails(dir);
        assertThat(t).isInstanceOf(InvalidModelException.class).hasMessageContaining("Unknown type name 'os.system'");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aGeneratorPathThatIsNoPathIsRefused() throws Exception {
        // found by ParserFuzzTest at 20,000 mutants: a NUL in the path escaped as InvalidPathException
        Path dir = fixtureCopy();
        editJson(dir, root -> ((ObjectNode) root.path("files").path("generator")).put("path", "gen\u0000.pt"));
        assertThat(openFails(dir)).isInstanceOf(InvalidModelException.class).hasMessageContaining("no valid path");
    }

    @Test
    void aMisspeltOrMistypedKeyInModelJsonIsNamed() throws Exception {
        Path misspelt = fixtureCopy();
        editJson(misspelt, root -> ((ObjectNode) root.path("input")).put("sise", 128));
        assertThat(openFails(misspelt)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("unknown key 'sise' in 'input'")
                .hasMessageContaining("allowed keys: channels, layout, range, size");
        Path mistyped = TestModels.copy(TestModels.fixture(), tmp.resolve("typed"));
        editJson(mistyped, root -> ((ObjectNode) root.path("input")).put("size", "128"));
        assertThat(openFails(mistyped)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("'input.size' must be a whole number")
                .hasMessageNotContaining("Cannot").hasMessageNotContaining("java.");
        Path huge = TestModels.copy(TestModels.fixture(), tmp.resolve("huge"));
        editJson(huge, root -> ((ObjectNode) root.path("input")).put("size", 99_999_999_999L));
        assertThat(openFails(huge)).hasMessageContaining("'input.size' is out of range");
    }

    @Test
    void aModelFolderThatIsAFileIsNamedAsSuch() throws Exception {
        Path file = Files.writeString(tmp.resolve("model.txt"), "x");
        assertThat(openFails(file)).isInstanceOf(InvalidModelException.class).hasMessageContaining("is a file, not a model folder");
    }
}
