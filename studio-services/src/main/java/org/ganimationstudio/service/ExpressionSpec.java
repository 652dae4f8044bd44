package org.ganimationstudio.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.EmotionPresets;

/**
 * A target expression as users write it: a preset at an intensity, AU assignments ({@code AU12=0.8,AU06=0.5}),
 * or a JSON object ({@code {"preset": "happiness", "intensity": 0.7, "AU26": 0.4}}); later parts override earlier ones.
 */
public final class ExpressionSpec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpressionSpec() {
    }

    /** The preset (if any) at its intensity, then the AUs of the JSON file, then the assignments. */
    public static AuVector resolve(String preset, double intensity, Path jsonFile, String assignments) throws IOException {
        AuVector v = preset == null ? AuVector.zero() : preset(preset, intensity);
        if (jsonFile != null) {
            v = fromJson(readJson(jsonFile), v, jsonFile.getFileName().toString());
        }
        if (assignments != null && !assignments.isBlank()) {
            v = v.withAll(AuVector.parseAssignments(assignments));
        }
        return v;
    }

    /** A preset by id, scaled; the error lists the presets there are. */
    public static AuVector preset(String id, double intensity) {
        if (!(intensity >= 0 && intensity <= 1)) {
            throw new IllegalArgumentException("a preset's intensity must be within [0, 1], got " + intensity);
        }
        return EmotionPresets.standard().get(id).at(intensity);
    }

    /**
     * An expression object: optional {@code preset} and {@code intensity}, then AU codes with values in [0, 1]
     * (either at the top level or inside {@code aus}), applied over {@code base}.
     */
    public static AuVector fromJson(JsonNode node, AuVector base, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": an expression must be a JSON object such as "
                    + "{\"AU12\": 0.8} or {\"preset\": \"happiness\", \"intensity\": 0.7}");
        }
        AuVector v = base;
        if (node.has("preset")) {
            double intensity = node.has("intensity") ? number(node.get("intensity"), "intensity", where) : 1.0;
            v = preset(node.get("preset").asText(), intensity);
        } else if (node.has("intensity")) {
            throw new IllegalArgumentException(where + ": 'intensity' needs a 'preset'");
        }
        Map<String, Double> changes = new LinkedHashMap<>();
        collectAus(node, changes, where);
        if (node.has("aus")) {
            collectAus(node.get("aus"), changes, where);
        }
        return v.withAll(changes);
    }

    private static void collectAus(JsonNode node, Map<String, Double> into, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": 'aus' must be an object such as {\"AU12\": 0.8}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.matches("(?i)au\\d+")) {
                into.put(key, number(e.getValue(), key, where));
            }
        }
    }

    static double number(JsonNode n, String name, String where) {
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + name + "' must be a number, got " + n);
        }
        return n.asDouble();
    }

    static JsonNode readJson(Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
        } catch (java.io.CharConversionException e) {
            // bytes that are no text encoding at all
            throw new IllegalArgumentException(file.getFileName() + " is not JSON text: " + e.getMessage());
        }
    }
}
