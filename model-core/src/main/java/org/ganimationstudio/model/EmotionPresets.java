package org.ganimationstudio.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            JsonNode root = new ObjectMapper().readTree(in);
            List<EmotionPreset> list = new ArrayList<>();
            for (JsonNode n : root.path("presets")) {
                Map<String, Double> aus = new LinkedHashMap<>();
                n.path("aus").fields().forEachRemaining(e -> aus.put(e.getKey(), e.getValue().asDouble()));
                list.add(new EmotionPreset(n.path("id").asText(), n.path("label").asText(),
                        n.path("facs").asText(), AuVector.of(aus)));
            }
            return new EmotionPresets(list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
