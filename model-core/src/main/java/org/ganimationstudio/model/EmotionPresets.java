package org.ganimationstudio.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The emotion presets, read from {@code presets.json}. */
public final class EmotionPresets {

    private static final String RESOURCE = "presets.json";
    private static final List<String> PRESET_KEYS = List.of("id", "label", "facs", "aus", "keeps");
    private static final EmotionPresets STANDARD = read(RESOURCE);

    private final List<EmotionPreset> presets;

    private EmotionPresets(List<EmotionPreset> presets) {
        this.presets = List.copyOf(presets);
    }

    public static EmotionPresets standard() {
        return STANDARD;
    }

    public List<EmotionPreset> all() {
        return presets;
    }

    public Optional<EmotionPreset> find(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        return presets.stream().filter(p -> p.id().equals(key)).findFirst();
    }

    public EmotionPreset get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown preset '" + id + "'; known: "
                + String.join(", ", presets.stream().map(EmotionPreset::id).toList())));
    }

    private static EmotionPresets read(String resource) {
        try (InputStream in = EmotionPresets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Presets from JSON: {@code {"presets": [{"id": "happiness", "label": "Happiness", "facs": "6+12",
     * "aus": {"AU06": 0.8, "AU12": 1.0}, "keeps": ["AU17"]}, ...]}} (AUs not in {@code aus} are 0, except those in
     * the optional {@code keeps}, which stay as a face shows them); anything else is refused with the reason.
     */
    public static EmotionPresets parse(String json) {
        JsonNode root = JsonInput.parse(json, "presets");
        if (!root.isObject() || !root.path("presets").isArray()) {
            throw new IllegalArgumentException("presets must be {\"presets\": [...]}");
        }
        JsonInput.checkKeys(root, "presets", List.of("presets", "comment"));
        List<EmotionPreset> list = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode n : root.path("presets")) {
            String id = n.isObject() && n.path("id").isTextual() ? n.path("id").asText() : "";
            if (!id.matches("[a-z][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException("preset " + (list.size() + 1) + " needs an id of lower-case letters, "
                        + "digits and '-', got '" + id + "'");
            }
            JsonInput.checkKeys(n, "preset '" + id + "'", PRESET_KEYS);
            if (!ids.add(id)) {
                throw new IllegalArgumentException("preset '" + id + "' is defined twice");
            }
            JsonNode aus = n.path("aus");
            if (!aus.isObject()) {
                throw new IllegalArgumentException("preset '" + id + "' needs an \"aus\" object");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (var it = aus.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException("preset '" + id + "': " + e.getKey() + " must be a number");
                }
                values.put(e.getKey(), e.getValue().asDouble());
            }
            try {
                list.add(new EmotionPreset(id, JsonInput.text(n, "label", "preset '" + id + "'", id),
                        JsonInput.text(n, "facs", "preset '" + id + "'", ""), AuVector.of(values),
                        keeps(n.path("keeps"), values.keySet())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("preset '" + id + "': " + e.getMessage(), e);
            }
        }
        return new EmotionPresets(list);
    }

    /** The canonical codes of a preset's {@code keeps}: AU codes, none twice, none that the preset also sets. */
    private static java.util.Set<String> keeps(JsonNode node, java.util.Set<String> set) {
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        if (node.isMissingNode()) {
            return codes;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"keeps\" must be a list of AU codes such as [\"AU17\", \"AU45\"]");
        }
        java.util.Set<String> setCodes = new java.util.HashSet<>();
        for (String code : set) {
            setCodes.add(ActionUnits.standard().get(code).code());
        }
        for (JsonNode c : node) {
            if (!c.isTextual()) {
                throw new IllegalArgumentException("\"keeps\" must list AU codes as text, got " + c);
            }
            String code = ActionUnits.standard().get(c.asText()).code();
            if (setCodes.contains(code)) {
                throw new IllegalArgumentException(code + " is both set and kept");
            }
            if (!codes.add(code)) {
                throw new IllegalArgumentException(code + " is kept twice");
            }
        }
        return codes;
    }
}
