package org.ganimationstudio.model;

/**
 * A named expression after the EMFACS prototypes.
 *
 * @param id    stable id, e.g. {@code happiness}
 * @param label display name
 * @param facs  the FACS/EMFACS combination it follows, e.g. {@code 6+12}
 * @param aus   the AU intensities at full strength
 */
public record EmotionPreset(String id, String label, String facs, AuVector aus) {

    /** The preset at a strength in [0, 1] (0 is neutral). */
    public AuVector at(double intensity) {
        return aus.scaled(intensity);
    }
}
