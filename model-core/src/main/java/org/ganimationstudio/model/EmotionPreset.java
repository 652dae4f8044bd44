package org.ganimationstudio.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A named expression after the EMFACS prototypes.
 *
 * @param id    stable id, e.g. {@code happiness}
 * @param label display name
 * @param facs  the FACS/EMFACS combination it follows, e.g. {@code 6+12}
 * @param aus   the AU intensities at full strength, from a neutral face
 * @param keeps the AUs it leaves as a face shows them (canonical codes): ones the expression neither needs
 *              nor contradicts. A face's readings there say as much about its build (a strong chin, heavy
 *              lids) as about its mood, and moving them makes another person.
 */
public record EmotionPreset(String id, String label, String facs, AuVector aus, Set<String> keeps) {

    public EmotionPreset {
        keeps = Set.copyOf(keeps);
    }

    /** A preset that sets every AU (those it does not name to 0). */
    public EmotionPreset(String id, String label, String facs, AuVector aus) {
        this(id, label, facs, aus, Set.of());
    }

    /** The preset at a strength in [0, 1] from a neutral face (0 is neutral). */
    public AuVector at(double intensity) {
        return aus.scaled(intensity);
    }

    /** The preset at full strength for a face that shows {@code own}: the kept AUs stay as the face shows them. */
    public AuVector on(AuVector own) {
        if (keeps.isEmpty()) {
            return aus;
        }
        Map<String, Float> kept = new LinkedHashMap<>();
        for (String code : keeps) {
            kept.put(code, own.get(code));
        }
        return aus.withAll(kept);
    }
}
