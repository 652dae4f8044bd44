package org.ganimationstudio.studio;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.ganimationstudio.model.ActionUnits;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.face.FaceFinderKind;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.service.EditSession;
import org.ganimationstudio.service.PlainMessage;
import org.ganimationstudio.service.studio.Studio;
import org.ganimationstudio.service.studio.StudioSettings;

/**
 * The main window: lays out the views over one {@link StudioModel} (menus, toolbar, photo, sliders, status) and
 * owns what needs a window: file choosers, dialogs, drag and drop, the quit prompt.
 */
public final class StudioWindow {

    /** Opens the studio's model: at start and again when the settings change the model, device or face finder. */
    public interface StudioOpener {
        Studio open(Path modelDir, ComputeDevice device, FaceFinderKind finder) throws InvalidModelException;
    }

    private final StudioModel model;
    private final BorderPane root = new BorderPane();
    private final PhotoView photoView;
    private final SliderPanel sliders;
    private final StatusBar statusBar;
    private final StudioMenus menus;
    private BatchDialog batchDialog;
    private Runnable exit = Platform::exit;

    public StudioWindow(StudioOpener opener, StudioSettings settings) throws InvalidModelException {
        String[] warning = new String[1];
        model = new StudioModel(opener, settings, openSaved(opener, settings, warning));
        model.onError(this::showError);
        photoView = new PhotoView(model);
        sliders = new SliderPanel(model);
        statusBar = new StatusBar(model);
        menus = new StudioMenus(model, this, photoView);
        BorderPane center = new BorderPane(photoView);
        center.setPadding(new Insets(12));
        root.setTop(new VBox(menus, new StudioToolbar(model, photoView)));
        root.setCenter(center);
        root.setRight(sliders);
        root.setBottom(statusBar);
        WindowInput.install(root, sliders, model, this::open);
        if (warning[0] != null) {
            model.say(warning[0]);
        }
    }

    /**
     * The saved model and device; when they no longer open (a GPU gone, a model folder changed), the
     * shipped model on the automatic device, so a stale setting never keeps the studio from starting.
     */
    private static Studio openSaved(StudioOpener opener, StudioSettings saved, String[] warning) throws InvalidModelException {
        try {
            return opener.open(saved.modelDir(), saved.device(), saved.faceFinder());
        } catch (RuntimeException | InvalidModelException e) {
            if (saved.modelDir() == null && saved.device() == ComputeDevice.AUTO && saved.faceFinder() == FaceFinderKind.CNN) {
                throw e;
            }
            warning[0] = "The saved model or device could not be used (" + PlainMessage.of(e)
                    + "); the default model is open instead.";
            return opener.open(null, ComputeDevice.AUTO, FaceFinderKind.CNN);
        }
    }

    public Parent root() {
        return root;
    }

    StudioModel model() {
        return model;
    }

    public ImageView previewView() {
        return photoView.imageView();
    }

    PhotoView photoView() {
        return photoView;
    }

    SliderPanel sliderPanel() {
        return sliders;
    }

    Studio studio() {
        return model.studio();
    }

    /** The selected face's edit, or null when no face is open. */
    EditSession session() {
        return model.edit() == null ? null : model.edit().current();
    }

    public Slider slider(String code) {
        return sliders.slider(ActionUnits.standard().get(code).code());
    }

    /** A control by id (presets, neutralise, before/after, split…), for tests and shortcuts. */
    public Node control(String id) {
        return root.lookup("#" + id);
    }

    public Label status() {
        return statusBar.status();
    }

    /** Opens a photo; the future completes once it is shown. */
    public CompletableFuture<Void> open(Path file) {
        CompletableFuture<Void> shown = model.open(file);
        shown.whenComplete((v, e) -> Platform.runLater(() -> menus.refreshRecent(this)));
        return shown;
    }

    public void close() {
        model.close();
    }

    public void undo() {
        model.undo();
    }

    public void redo() {
        model.redo();
    }

    /** The selected face's current expression. */
    public AuVector expression() {
        return model.ausProperty().get();
    }

    /** Chooses what lies over the face: the edit alone, the attention mask A or the colour mask C. */
    public void showOverlay(StudioModel.MaskOverlay mode) {
        model.overlayProperty().set(mode);
    }

    /** What File ▸ Quit does once it may (the app exits; tests put something harmless here). */
    void onExit(Runnable exit) {
        this.exit = exit;
    }

    /**
     * File ▸ Quit: with edits that were not exported, asks first. Returns whether the studio quits; the app's
     * window close request calls it too.
     */
    boolean quit() {
        if (model.unsavedProperty().get() && !confirmQuit()) {
            return false;
        }
        exit.run();
        return true;
    }

    private boolean confirmQuit() {
        ButtonType quit = new ButtonType("Quit without exporting", ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Your edits have not been exported. Quit anyway and lose them?",
                quit, ButtonType.CANCEL);
        ask.setHeaderText("Quit with unexported edits?");
        ask.getDialogPane().setId("quit-prompt");
        ask.initOwner(window());
        Optional<ButtonType> answer = ask.showAndWait();
        return answer.isPresent() && answer.get() == quit;
    }

    void showShortcuts() {
        HelpDialogs.shortcutsDialog(window()).show();
    }

    void showAbout() {
        HelpDialogs.aboutDialog(window(), model.studio()).show();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    // ------------------------------------------------------------------ files and exports

    void chooseAndOpen() {
        File f = photoChooser("Open a photo").showOpenDialog(window());
        if (f != null) {
            open(f.toPath());
        }
    }

    /** File ▸ Copy expression from photo: another photo's expression onto the selected face, at the intensity. */
    void chooseExpressionSource() {
        if (model.edit() == null) {
            showError("Nothing to copy onto", "Open a photo with a face first (File ▸ Open).");
            return;
        }
        File f = photoChooser("Copy the expression of…").showOpenDialog(window());
        if (f != null) {
            model.copyExpressionFrom(f.toPath());
        }
    }

    private static FileChooser photoChooser(String title) {
        return WindowInput.photoChooser(title);
    }

    private File chooseOutput(String title, String suffix, String defaultExt, String... extensions) {
        return WindowInput.outputChooser(title, model.full().photo().source(), suffix, defaultExt, extensions).showSaveDialog(window());
    }

    private boolean nothingOpen() {
        if (model.edit() == null) {
            showError("Nothing to export", "Open a photo with a face first (File ▸ Open).");
            return true;
        }
        return false;
    }

    void exportImage() {
        File f = nothingOpen() ? null : chooseOutput("Export image", "-edited", "png", "png", "jpg", "bmp");
        if (f != null) {
            exportImage(f.toPath());
        }
    }

    /** Writes the full-size photo, every face as edited (the file chooser's continuation; tests call it). */
    CompletableFuture<Path> exportImage(Path target) {
        return model.exportImage(target);
    }

    void exportSheet() {
        File f = nothingOpen() ? null : chooseOutput("Export 72-expression sheet", "-sheet", "png", "png", "jpg");
        if (f != null) {
            exportSheet(f.toPath());
        }
    }

    CompletableFuture<Path> exportSheet(Path target) {
        return model.exportSheet(target);
    }

    /** File ▸ Export animation: the dialog, from the selected face to its expression. */
    AnimationDialog openAnimationDialog() {
        if (nothingOpen()) {
            return null;
        }
        AnimationDialog dialog = new AnimationDialog(window(), model.studio(), model.full(), model.edit().selected(),
                model.edit().targets());
        dialog.show();
        return dialog;
    }

    /** Opens the batch dialog (kept with its last choices while the model stays) at the selected face's expression. */
    public BatchDialog openBatchDialog() {
        if (batchDialog == null || batchDialog.studio() != model.studio()) {
            batchDialog = new BatchDialog(window(), model.studio(), this::expression);
        }
        batchDialog.show();
        return batchDialog;
    }

    void openSettings() {
        SettingsDialog.Choice c;
        try {
            var choice = new SettingsDialog(window(), model.settings(), model.studio().modelDirectory().path()
                    + " on " + model.studio().deviceLabel()).ask();
            if (choice.isEmpty()) {
                return;
            }
            c = choice.get();
        } catch (java.nio.file.InvalidPathException e) {
            showError("Not a folder name", e.getMessage());
            return;
        }
        applySettings(c);
    }

    CompletableFuture<Void> applySettings(SettingsDialog.Choice c) {
        return model.applySettings(c);
    }

    private void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(title);
        if (window() != null) {
            alert.initOwner(window());
        }
        alert.show();
    }
}
