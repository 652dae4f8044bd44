package org.ganimationstudio.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.EmotionPresets;
import org.ganimationstudio.model.JsonInput;

/**
 * A target expression as users write it: a preset at an intensity, AU assignments ({@code AU12=0.8,AU06=0.5}),
 * or a JSON object ({@code {"preset": "happiness", "intensity": 0.7, "AU26": 0.4}}); later parts override earlier ones.
 */
public final class ExpressionSpec {

    private static final Pattern AU_CODE = Pattern.compile("(?i)au\\d{1,3}");

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
            JsonNode node = readJson(jsonFile, "expression file");
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

    /** From a face's own expression (0) to the preset {@code id} on that face (1). */
    public static FaceExpression toward(String id, double intensity) {
        preset(id, intensity); // refuses an unknown preset or an intensity outside [0, 1] in its own words
        return FaceExpression.toward(EmotionPresets.standard().get(id), intensity);
    }

    /** A preset by id, scaled; the error lists the presets there are. */
    public static AuVector preset(String id, double intensity) {
        if (!(intensity >= 0 && intensity <= 1)) {
            throw new IllegalArgumentException("a preset's intensity must be within [0, 1], got " + intensity);
        }
        return EmotionPresets.standard().get(id).at(intensity);
    }

    /** The keys of an expression object besides AU codes. */
    public static final List<String> EXPRESSION_KEYS = List.of("preset", "intensity", "aus");

    /**
     * An expression object: optional {@code preset} and {@code intensity} (from {@code base} at 0 to the preset at
     * 1), then AU codes with values in [0, 1] (either at the top level or inside {@code aus}), applied over
     * {@code base}. Any other key is refused.
     */
    public static AuVector fromJson(JsonNode node, AuVector base, String where) {
        return fromJson(node, base, where, List.of());
    }

    /** As {@link #fromJson(JsonNode, AuVector, String)}, also allowing {@code otherKeys} (read by the caller). */
    static AuVector fromJson(JsonNode node, AuVector base, String where, List<String> otherKeys) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": an expression must be a JSON object such as "
                    + "{\"AU12\": 0.8} or {\"preset\": \"happiness\", \"intensity\": 0.7}");
        }
        List<String> allowed = new ArrayList<>(otherKeys);
        allowed.addAll(EXPRESSION_KEYS);
        JsonInput.checkKeys(node, where, allowed, ExpressionSpec::isAuCode, "AU codes such as AU12");
        AuVector v = base;
        if (node.has("preset")) {
            double intensity = node.has("intensity") ? number(node.get("intensity"), "intensity", where) : 1.0;
            v = toward(JsonInput.text(node, "preset", where, null), intensity).target(base);
        } else if (node.has("intensity")) {
            throw new IllegalArgumentException(where + ": 'intensity' needs a 'preset'");
        }
        Map<String, Double> changes = new LinkedHashMap<>();
        collectAus(node, changes, where);
        if (node.has("aus")) {
            JsonNode aus = node.get("aus");
            if (!aus.isObject()) {
                throw new IllegalArgumentException(where + ": 'aus' must be an object such as {\"AU12\": 0.8}");
            }
            JsonInput.checkKeys(aus, where + ", 'aus'", List.of(), ExpressionSpec::isAuCode, "AU codes such as AU12");
            collectAus(aus, changes, where);
        }
        return v.withAll(changes);
    }

    private static boolean isAuCode(String key) {
        return AU_CODE.matcher(key).matches();
    }

    private static void collectAus(JsonNode node, Map<String, Double> into, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (isAuCode(e.getKey())) {
                into.put(e.getKey(), number(e.getValue(), e.getKey(), where));
            }
        }
    }

    static double number(JsonNode n, String name, String where) {
        return JsonInput.number(n, name, where);
    }

    /** Reads a JSON input file through the shared strict reader ({@link JsonInput}). */
    static JsonNode readJson(Path file, String what) {
        return JsonInput.read(file, what);
    }
}
