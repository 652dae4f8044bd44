package org.ganimationstudio.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A checked model directory: {@code model.json} plus the TorchScript network it names (a generator
 * or an AU estimator, by {@link ModelKind}).
 * Opening one reads and cross-checks everything that can be checked without running the network,
 * so a broken directory is refused with a message before any native code sees it.
 */
public final class ModelDirectory {

    public static final String METADATA_FILE = "model.json";
    /** Folder of a generator's optional preview generator (see {@link #preview()}). */
    public static final String PREVIEW_DIR = "preview";
    /** Architecture metadata the exporter writes inside the TorchScript archive. */
    static final String EMBEDDED_METADATA = "extra/ganimation.json";
    private static final int MAX_INPUT_SIZE = 1024;

    private final Path dir;
    private final ModelMetadata metadata;
    private final ModelKind kind;
    private final Path network;

    private ModelDirectory(Path dir, ModelMetadata metadata, ModelKind kind, Path network) {
        this.dir = dir;
        this.metadata = metadata;
        this.kind = kind;
        this.network = network;
    }

    /** Opens an expression generator's directory. */
    public static ModelDirectory open(Path dir) throws InvalidModelException {
        return open(dir, ModelKind.EXPRESSION_GENERATOR);
    }

    public static ModelDirectory open(Path dir, ModelKind kind) throws InvalidModelException {
        if (!Files.isDirectory(dir)) {
            String found = PathKind.of(dir);
            throw new InvalidModelException("model directory " + dir + (found == null ? " does not exist"
                    : " is " + found + ", not a model folder"));
        }
        ModelMetadata meta = readMetadata(dir);
        checkMetadata(meta, kind);
        String key = kind.fileKey();
        ModelMetadata.FileEntry entry = meta.files() == null ? null : meta.files().get(key);
        if (entry == null || entry.path() == null) {
            throw new InvalidModelException("model.json names no " + key + " file (files." + key + ".path)");
        }
        Path gen;
        try {
            gen = dir.resolve(entry.path()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidModelException("model.json names a " + key + " file that is no valid path: " + e.getReason());
        }
        if (!gen.startsWith(dir.normalize())) {
            throw new InvalidModelException("model.json points outside its directory: " + entry.path());
        }
        if (!Files.isRegularFile(gen)) {
            throw new InvalidModelException("the " + key + " file " + entry.path() + " is missing from " + dir);
        }
        if (entry.sha256() != null) {
            String actual = sha256(gen);
            if (!actual.equalsIgnoreCase(entry.sha256())) {
                throw new InvalidModelException(entry.path() + " is corrupt or was modified: its SHA-256 is "
                        + actual + " but model.json expects " + entry.sha256());
            }
        }
        checkEmbeddedMetadata(gen, entry.path(), meta, kind);
        TorchScriptCode.check(gen, entry.path());
        return new ModelDirectory(dir, meta, kind, gen);
    }

    private static ModelMetadata readMetadata(Path dir) throws InvalidModelException {
        Path file = dir.resolve(METADATA_FILE);
        if (PathKind.of(file) == null) {
            throw new InvalidModelException(dir + " has no " + METADATA_FILE + ": not a model directory");
        }
        try {
            return JsonInput.read(file, ModelMetadata.class, "model description");
        } catch (JsonInputException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
    }

    private static void checkMetadata(ModelMetadata m, ModelKind kind) throws InvalidModelException {
        if (!ModelMetadata.FORMAT.equals(m.format())) {
            throw new InvalidModelException("model.json has format '" + m.format() + "', expected '"
                    + ModelMetadata.FORMAT + "'");
        }
        if (m.formatVersion() < 1 || m.formatVersion() > ModelMetadata.FORMAT_VERSION) {
            throw new InvalidModelException("model.json format version " + m.formatVersion()
                    + " is not supported (this version reads up to " + ModelMetadata.FORMAT_VERSION + ")");
        }
        if (!kind.id().equals(m.kind())) {
            throw new InvalidModelException("this is a '" + m.kind() + "' model, not " + kind.description());
        }
        if (m.architecture() == null || m.input() == null || m.actionUnits() == null) {
            throw new InvalidModelException("model.json lacks its architecture, input or actionUnits section");
        }
        if (kind == ModelKind.EXPRESSION_GENERATOR) {
            GeneratorDesigns.named(m.architecture().name()).checkArchitecture(m.architecture(), null, METADATA_FILE);
        }
        int size = m.input().size();
        if (size <= 0 || size % 4 != 0 || size > MAX_INPUT_SIZE) {
            throw new InvalidModelException("model.json input size " + size
                    + " is not a positive multiple of 4 up to " + MAX_INPUT_SIZE);
        }
        if (m.input().channels() != 3) {
            throw new InvalidModelException("model.json says the input has " + m.input().channels()
                    + " channels; the network takes RGB (3)");
        }
        List<String> expected = ActionUnits.standard().codes();
        List<String> codes = m.actionUnits().codes();
        if (codes == null || !codes.equals(expected)) {
            throw new InvalidModelException("the model takes " + (codes == null ? 0 : codes.size()) + " AUs "
                    + codes + "; the studio needs these " + expected.size() + " in this order: " + expected);
        }
        if (m.architecture().auCount() != codes.size()) {
            throw new InvalidModelException("model.json is inconsistent: architecture.auCount is "
                    + m.architecture().auCount() + " but it lists " + codes.size() + " AU codes");
        }
    }

    /** Compares model.json with the metadata written inside the TorchScript archive. */
    private static void checkEmbeddedMetadata(Path gen, String name, ModelMetadata meta, ModelKind kind)
            throws InvalidModelException {
        JsonNode embedded;
        try (ZipFile zip = new ZipFile(gen.toFile())) {
            ZipEntry entry = findEmbedded(zip);
            if (entry == null) {
                return; // a TorchScript file from elsewhere: the probe forward pass still checks the shapes
            }
            if (entry.getSize() > JsonInput.MAX_BYTES) {
                throw new InvalidModelException(name + " holds an oversized " + EMBEDDED_METADATA);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                embedded = JsonInput.parse(in.readNBytes((int) JsonInput.MAX_BYTES + 1), name + "/" + EMBEDDED_METADATA);
            } catch (JsonInputException e) {
                throw new InvalidModelException(e.getMessage(), e);
            }
        } catch (ZipException e) {
            throw new InvalidModelException(name + " is not a TorchScript archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + name + ": " + e.getMessage(), e);
        }
        int exportedSize = embedded.path("inputSize").asInt(-1);
        if (exportedSize != meta.input().size()) {
            throw new InvalidModelException("model.json says input size " + meta.input().size() + " but " + name
                    + " was exported for " + exportedSize);
        }
        JsonNode arch = embedded.path("architecture");
        ModelMetadata.Architecture a = meta.architecture();
        checkSame(name, "architecture.auCount", a.auCount(), arch.path("auCount").asInt(-1));
        if (kind != ModelKind.EXPRESSION_GENERATOR) {
            return;
        }
        String embeddedName = arch.path("name").asText(null);
        if (embeddedName != null && !embeddedName.equals(a.name())) {
            throw new InvalidModelException("model.json says architecture.name = " + a.name() + " but " + name
                    + " was exported as " + embeddedName);
        }
        GeneratorDesigns.named(a.name()).checkArchitecture(a, arch, name);
    }

    private static ZipEntry findEmbedded(ZipFile zip) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.getName().endsWith("/" + EMBEDDED_METADATA)) {
                return e;
            }
        }
        return null;
    }

    private static void checkSame(String name, String field, Object json, Object embedded) throws InvalidModelException {
        GanimationGeneratorDesign.same(name, field, json, embedded);
    }

    static String sha256(Path file) throws InvalidModelException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path path() {
        return dir;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public ModelKind kind() {
        return kind;
    }

    /** The TorchScript file of the generator or estimator. */
    public Path networkFile() {
        return network;
    }

    /**
     * The light generator distilled from this one for renders while a slider is dragged: a model directory
     * named {@value #PREVIEW_DIR} inside this one, if there is one. It must take the same crops and AUs.
     */
    public Optional<ModelDirectory> preview() throws InvalidModelException {
        Path sub = dir.resolve(PREVIEW_DIR);
        if (kind != ModelKind.EXPRESSION_GENERATOR || !Files.isRegularFile(sub.resolve(METADATA_FILE))) {
            return Optional.empty();
        }
        ModelDirectory preview;
        try {
            preview = open(sub, ModelKind.EXPRESSION_GENERATOR);
        } catch (InvalidModelException e) {
            throw new InvalidModelException("the preview generator in " + sub + " is unusable: " + e.getMessage(), e);
        }
        if (preview.inputSize() != inputSize()
                || preview.metadata().architecture().auCount() != metadata.architecture().auCount()) {
            throw new InvalidModelException("the preview generator in " + sub + " takes " + preview.inputSize()
                    + " px crops and " + preview.metadata().architecture().auCount() + " AUs, but its model takes "
                    + inputSize() + " px and " + metadata.architecture().auCount());
        }
        return Optional.of(preview);
    }

    /** Side length of the square face crop the generator takes. */
    public int inputSize() {
        return metadata.input().size();
    }

    public String describe() {
        ModelMetadata.Architecture a = metadata.architecture();
        Object desc = metadata.provenance() == null ? null : metadata.provenance().get("description");
        if (kind == ModelKind.AU_ESTIMATOR) {
            return String.format(java.util.Locale.ROOT, "%s: AU estimator, %d px, %,d parameters",
                    dir.getFileName(), inputSize(), a.parameters());
        }
        String shape = a.convDim() == null || a.repeatNum() == null ? a.name()
                : String.format(java.util.Locale.ROOT, "%d channels, %d residual blocks", a.convDim(), a.repeatNum());
        return String.format(java.util.Locale.ROOT, "%s: %d px, %s, %,d parameters%s",
                dir.getFileName(), inputSize(), shape, a.parameters(), desc == null ? "" : " (" + desc + ")");
    }
}
