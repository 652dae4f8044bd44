package org.ganimationstudio.cli;

import java.nio.file.Path;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.ExpressionSpec;
import picocli.CommandLine.Option;

/** The target expression: a preset at an intensity, AU values, or a JSON file (later ones override). */
final class ExpressionOptions {

    @Option(names = "--preset", paramLabel = "NAME",
            description = "An emotion preset: neutral, happiness, sadness, surprise, fear, anger, disgust, contempt.")
    String preset;

    @Option(names = "--intensity", paramLabel = "0..1", defaultValue = "1",
            description = "How far toward --preset: 0 leaves the face as photographed, 1 is the preset (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 1)
    double intensity;

    @Option(names = "--aus", paramLabel = "AU=V,...",
            description = "AU intensities in [0, 1], e.g. AU12=0.8,AU06=0.5; AUs not given stay as photographed.")
    String aus;

    @Option(names = "--aus-file", paramLabel = "JSON",
            description = "An expression as JSON: {\"AU12\": 0.8} or {\"preset\": \"happiness\", \"intensity\": 0.7}.")
    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "expression file")
    Path ausFile;

    boolean given() {
        return preset != null || aus != null || ausFile != null;
    }

    FaceExpression target() throws java.io.IOException {
        return ExpressionSpec.resolve(preset, intensity, ausFile, aus);
    }
}
