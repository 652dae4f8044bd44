package org.ganimationstudio.cli;

import ai.djl.engine.Engine;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.FaceFinderKind;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.model.ModelMetadata;
import org.ganimationstudio.service.ShippedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the model, the AU estimator, the compute device and the versions in use.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (ExpressionModel model = modelOptions.open()) {
            ModelMetadata m = model.directory().metadata();
            Engine engine = Engine.getEngine("PyTorch");
            out.printf("model:     %s%n", model.directory().path().toAbsolutePath());
            out.printf("           %s%n", model.directory().describe());
            out.printf("           AUs: %s%n", String.join(" ", m.actionUnits().codes()));
            if (m.provenance() != null) {
                out.printf("           created %s with torch %s%n", m.provenance().get("createdAt"),
                        m.provenance().get("torch"));
            }
            try {
                ModelDirectory est = ShippedModels.estimator(modelOptions.estimator);
                out.printf("estimator: %s%n           %s%n", est.path().toAbsolutePath(), est.describe());
            } catch (InvalidModelException e) {
                out.printf("estimator: none (%s)%n", e.getMessage());
            }
            FaceFinderKind finder = FaceFinderKind.fromEnvironment();
            java.nio.file.Path faceModels = ShippedModels.faceModels();
            if (finder == FaceFinderKind.HAAR) {
                out.printf("faces:     the Haar cascades (chosen by $%s)%n", FaceFinderKind.ENV);
            } else if (faceModels == null) {
                out.printf("faces:     the Haar cascades (the CNN finder's models are not installed)%n");
            } else {
                out.printf("faces:     CNN finder (BlazeFace, 68 landmarks), %s%n", faceModels.toAbsolutePath());
            }
            out.printf("device:    %s (GPUs visible: %d)%n", model.deviceName(), engine.getGpuCount());
            out.printf("engine:    DJL %s, PyTorch %s%n", Engine.getDjlVersion(), engine.getVersion());
            out.printf("tool:      ganimation %s on Java %s%n", VersionInfo.toolVersion(),
                    System.getProperty("java.version"));
        }
        return 0;
    }
}
