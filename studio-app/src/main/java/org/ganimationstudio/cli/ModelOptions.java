package org.ganimationstudio.cli;

import java.nio.file.Path;
import org.ganimationstudio.model.AuEstimator;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.FaceAuReader;
import org.ganimationstudio.service.ShippedModels;
import picocli.CommandLine.Option;

/** {@code --model}, {@code --estimator} and {@code --device}, shared by every command that runs a network. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR",
            description = "Expression model directory (generator.pt + model.json). Default: $" + ShippedModels.MODEL_ENV
                    + ", else the shipped default model.")
    @PathRole(value = PathRole.Kind.INPUT_FOLDER, what = "model folder")
    Path model;

    @Option(names = "--estimator", paramLabel = "DIR",
            description = "AU estimator model directory. Default: $" + ShippedModels.ESTIMATOR_ENV
                    + ", else the shipped assets/models/estimator.")
    @PathRole(value = PathRole.Kind.INPUT_FOLDER, what = "model folder")
    Path estimator;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda",
            description = "Where the networks run (default: auto, or $GANIMATION_DEVICE).")
    String device;

    @Option(names = "--no-color-guard",
            description = "Paste the generator's colours as they are, without matching them to the photo's.")
    boolean noColorGuard;

    ComputeDevice computeDevice() {
        return device == null ? ComputeDevice.fromEnvironment() : ComputeDevice.parse(device);
    }

    ModelDirectory directory() throws InvalidModelException {
        return ShippedModels.generator(model);
    }

    ExpressionModel open() throws InvalidModelException {
        return ExpressionModel.open(directory(), computeDevice());
    }

    AuEstimator openEstimator() throws InvalidModelException {
        return AuEstimator.open(ShippedModels.estimator(estimator), computeDevice());
    }

    /** An editor on {@code model} that starts each face from its own expression, as {@code reader} reads it. */
    ExpressionEditor editor(ExpressionModel model, FaceAuReader reader) {
        return new ExpressionEditor(model, reader, !noColorGuard);
    }

    /** Reads faces' current expressions, opening the estimator only if asked to. */
    FaceAuReader auReader() {
        return new FaceAuReader(() -> {
            try {
                return openEstimator();
            } catch (InvalidModelException e) {
                throw new InvalidModelException(e.getMessage() + " (it reads each face's own expression, where "
                        + "every edit starts)", e);
            }
        });
    }
}
