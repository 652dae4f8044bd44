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

    /**
     * What to ask of each face: the preset (if any) at its intensity, from the face's own expression (0) to the
     * preset (1); then the AUs of the JSON file; then the assignments. AUs that none of them sets stay as
     * photographed.
     */
    public static FaceExpression resolve(String preset, double intensity, Path jsonFile, String assignments)
            throws IOException {
        FaceExpression e = preset == null ? FaceExpression.own() : toward(preset, intensity);
        if (jsonFile != null) {
            JsonNode node = readJson(jsonFile);
            String where = jsonFile.getFileName().toString();
            fromJson(node, AuVector.zero(), where); // refuse a bad file now, not once per face
            FaceExpression before = e;
            e = own -> fromJson(node, before.target(own), where);
        }
        if (assignments != null && !assignments.isBlank()) {
            e = e.with(AuVector.parseAssignments(assignments));
        }
        return e;
    }

    /** From a face's own expression (0) to the preset {@code id} (1). */
    public static FaceExpression toward(String id, double intensity) {
        preset(id, intensity); // refuses an unknown preset or an intensity outside [0, 1] in its own words
        return FaceExpression.toward(preset(id, 1), intensity);
    }

    /** A preset by id, scaled; the error lists the presets there are. */
    public static AuVector preset(String id, double intensity) {
        if (!(intensity >= 0 && intensity <= 1)) {
            throw new IllegalArgumentException("a preset's intensity must be within [0, 1], got " + intensity);
        }
        return EmotionPresets.standard().get(id).at(intensity);
    }

    /**
     * An expression object: optional {@code preset} and {@code intensity} (from {@code base} at 0 to the preset at
     * 1), then AU codes with values in [0, 1] (either at the top level or inside {@code aus}), applied over
     * {@code base}.
     */
    public static AuVector fromJson(JsonNode node, AuVector base, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": an expression must be a JSON object such as "
                    + "{\"AU12\": 0.8} or {\"preset\": \"happiness\", \"intensity\": 0.7}");
        }
        AuVector v = base;
        if (node.has("preset")) {
            double intensity = node.has("intensity") ? number(node.get("intensity"), "intensity", where) : 1.0;
            v = toward(node.get("preset").asText(), intensity).target(base);
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
