package org.ganimationstudio.studio;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.model.ModelKind;
import org.ganimationstudio.service.studio.Studio;
import org.ganimationstudio.service.studio.StudioSettings;

/** The real window on the fixture generator and shipped estimator, with settings of its own. */
final class StudioFixture {

    static final Path ROOT = Path.of(System.getProperty("ganimation.repo", "..")).toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("assets/samples/astronaut.png");
    static final Path FIXTURE = ROOT.resolve("assets/models/fixture");

    private final Preferences prefs = Preferences.userRoot().node("org/ganimationstudio/test/" + UUID.randomUUID());
    final StudioSettings settings = new StudioSettings(prefs);

    StudioWindow window() throws Exception {
        return new StudioWindow(StudioFixture::open, settings);
    }

    /** Opens {@code dir} (null: the fixture), as the app opens the shipped model. */
    static Studio open(Path dir, ComputeDevice device, org.ganimationstudio.face.FaceFinderKind finder)
            throws org.ganimationstudio.model.InvalidModelException {
        return Studio.open(ModelDirectory.open(dir == null ? FIXTURE : dir),
                ModelDirectory.open(ROOT.resolve("assets/models/estimator"), ModelKind.AU_ESTIMATOR), ComputeDevice.CPU, finder);
    }

    void forget() throws BackingStoreException {
        prefs.removeNode();
    }

    /** Opens {@code photo} in the window from the FX thread and waits for its first preview. */
    static void open(StudioWindow window, Path photo) throws Exception {
        CompletableFuture<CompletableFuture<Void>> f = new CompletableFuture<>();
        Platform.runLater(() -> f.complete(window.open(photo)));
        f.get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
    }

    static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] p = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), p, 0, w);
        return p;
    }
}
