package org.ganimationstudio.model;

/**
 * One facial Action Unit the generator is conditioned on.
 *
 * @param index  position in the model's AU input vector
 * @param code   OpenFace code, e.g. {@code AU12}
 * @param name   FACS name, e.g. "Lip corner puller"
 * @param group  face region id ({@code brows-eyes}, {@code cheeks-nose}, {@code mouth-jaw})
 * @param muscle what the muscle does, for tooltips
 */
public record ActionUnit(int index, String code, String name, String group, String muscle) {
}
