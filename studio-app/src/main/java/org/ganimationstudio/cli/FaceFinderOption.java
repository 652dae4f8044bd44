package org.ganimationstudio.cli;

import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.FaceFinderKind;
import org.ganimationstudio.service.ShippedModels;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --face-finder cnn|haar}: which face finder a command opens photos with. */
final class FaceFinderOption {

    @Option(names = "--face-finder", paramLabel = "cnn|haar", converter = KindConverter.class,
            description = "How faces are found: cnn (the default: CNN detector and 68 landmarks, any rotation) or haar "
                    + "(the older cascades, upright faces only). Default: $" + FaceFinderKind.ENV + ", else cnn.")
    FaceFinderKind kind;

    FaceFinder open() {
        return ShippedModels.faceFinder(kind == null ? FaceFinderKind.fromEnvironment() : kind);
    }

    static final class KindConverter implements ITypeConverter<FaceFinderKind> {
        @Override
        public FaceFinderKind convert(String value) {
            return FaceFinderKind.parse(value);
        }
    }
}
