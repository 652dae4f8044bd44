package org.ganimationstudio.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The generator designs this version can run, by model.json's {@code architecture.name}. */
public final class GeneratorDesigns {

    private static final Map<String, GeneratorDesign> BY_NAME = List.of(
                    new GanimationGeneratorDesign(),
                    new WarpResidualGeneratorDesign(WarpResidualGeneratorDesign.Composition.PLAIN),
                    new WarpResidualGeneratorDesign(WarpResidualGeneratorDesign.Composition.SOFT_PAINT),
                    new WarpResidualGeneratorDesign(WarpResidualGeneratorDesign.Composition.LIFT))
            .stream().collect(Collectors.toUnmodifiableMap(GeneratorDesign::name, Function.identity()));

    private GeneratorDesigns() {
    }

    /** The design named {@code name}; the message lists the designs there are. */
    public static GeneratorDesign named(String name) throws InvalidModelException {
        GeneratorDesign d = name == null ? null : BY_NAME.get(name);
        if (d == null) {
            throw new InvalidModelException("model.json's architecture.name is " + (name == null ? "missing" : "'" + name + "'")
                    + "; this version runs the generator designs " + names());
        }
        return d;
    }

    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
