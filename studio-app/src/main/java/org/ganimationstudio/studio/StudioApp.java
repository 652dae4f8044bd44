package org.ganimationstudio.studio;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ganimationstudio.face.FaceFinderKind;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.service.studio.Studio;
import org.ganimationstudio.service.studio.StudioSettings;

/** The studio window: a photo, its faces, 17 AU sliders, a live preview. */
public final class StudioApp extends Application {

    private StudioWindow window;

    @Override
    public void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StudioWindow(StudioApp::openStudio, StudioSettings.user());
        stage.titleProperty().bind(window.model().titleProperty());
        stage.setScene(new Scene(window.root(), 1180, 760));
        stage.setOnCloseRequest(e -> {
            if (!window.quit()) {
                e.consume(); // the user kept the studio open to export the edits
            }
        });
        stage.show();
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) {
            window.open(Path.of(args.get(0)));
        }
    }

    /** The studio on a model directory (null: the shipped default) with the shipped AU estimator, if any. */
    static Studio openStudio(Path modelDir, ComputeDevice device, FaceFinderKind finder) throws InvalidModelException {
        ModelDirectory estimator;
        try {
            estimator = ShippedModels.estimator(null);
        } catch (InvalidModelException e) {
            estimator = null; // the studio works without it; "Read from photo" explains
        }
        return Studio.open(modelDir == null ? ShippedModels.generator(null) : ModelDirectory.open(modelDir), estimator,
                device == ComputeDevice.AUTO ? ComputeDevice.fromEnvironment() : device, finder);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
