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

/** The catalogue of the 17 Action Units, read from {@code action-units.json}. */
public final class ActionUnits {

    private static final String RESOURCE = "action-units.json";
    private static final ActionUnits STANDARD = load();

    private final List<ActionUnit> units;
    private final Map<String, ActionUnit> byCode;
    private final Map<String, String> groupLabels;

    private ActionUnits(List<ActionUnit> units, Map<String, String> groupLabels) {
        this.units = List.copyOf(units);
        this.groupLabels = Map.copyOf(groupLabels);
        Map<String, ActionUnit> map = new LinkedHashMap<>();
        units.forEach(u -> map.put(u.code(), u));
        this.byCode = map;
    }

    /** The 17 AUs in model input order. */
    public static ActionUnits standard() {
        return STANDARD;
    }

    public List<ActionUnit> all() {
        return units;
    }

    public int count() {
        return units.size();
    }

    public List<String> codes() {
        return units.stream().map(ActionUnit::code).toList();
    }

    /** Looks up a code, accepting {@code AU12}, {@code au12} or {@code 12}. */
    public Optional<ActionUnit> find(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (!c.startsWith("AU")) {
            c = "AU" + c;
        }
        if (c.length() == 3) {
            c = "AU0" + c.charAt(2);
        }
        return Optional.ofNullable(byCode.get(c));
    }

    public ActionUnit get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException(
                "unknown Action Unit '" + code + "'; known: " + String.join(", ", codes())));
    }

    /** Display label of a face-region group id. */
    public String groupLabel(String group) {
        return groupLabels.getOrDefault(group, group);
    }

    private static ActionUnits load() {
        try (InputStream in = ActionUnits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> groups = new LinkedHashMap<>();
            root.path("groups").forEach(g -> groups.put(g.path("id").asText(), g.path("label").asText()));
            List<ActionUnit> list = new ArrayList<>();
            for (JsonNode n : root.path("actionUnits")) {
                list.add(new ActionUnit(list.size(), n.path("code").asText(), n.path("name").asText(),
                        n.path("group").asText(), n.path("muscle").asText()));
            }
            return new ActionUnits(list, groups);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
