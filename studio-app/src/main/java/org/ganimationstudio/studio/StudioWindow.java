package org.ganimationstudio.studio;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.ganimationstudio.model.ActionUnit;
import org.ganimationstudio.model.ActionUnits;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.EmotionPreset;
import org.ganimationstudio.model.EmotionPresets;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.service.EditSession;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.PlainMessage;
import org.ganimationstudio.service.RenderQuality;

/**
 * The main window. Thin: sliders write AU values into the {@link EditSession}; the session's changes
 * go to the {@link Studio}'s render loop; finished renders come back to the FX thread as images.
 */
public final class StudioWindow {

    /** Opens the studio's model: at start and again when the settings change the model or device. */
    public interface StudioOpener {
        Studio open(Path modelDir, ComputeDevice device) throws InvalidModelException;
    }

    private final StudioOpener opener;
    private final StudioSettings settings;
    private Studio studio;
    private final BorderPane root = new BorderPane();
    private final PhotoView photoView = new PhotoView();
    private final Label status = new Label("Drop a photo here, or File ▸ Open (Ctrl+O).");
    private final Map<String, Slider> sliders = new LinkedHashMap<>();
    private final ToggleButton before = new ToggleButton("Before");
    private final ToggleGroup maskGroup = new ToggleGroup();
    private final Menu recent = new Menu("Open Recent");
    private PhotoFaces full;
    private EditSession session;
    private boolean updatingSliders;
    private Image original;
    private Image edited;
    private Rendering lastFace;
    private BatchDialog batchDialog;
    private String startupWarning;

    public StudioWindow(StudioOpener opener, StudioSettings settings) throws InvalidModelException {
        this.opener = opener;
        this.settings = settings;
        this.studio = openSaved(opener, settings);
        BorderPane center = new BorderPane(photoView);
        center.setPadding(new Insets(12));
        photoView.onFacePicked(this::chooseFace);
        photoView.onBoxDrawn(this::faceDrawn);
        root.setTop(new VBox(menus(), toolbar()));
        root.setCenter(center);
        root.setRight(sliderPanel());
        status.setPadding(new Insets(4, 10, 4, 10));
        status.setId("status");
        root.setBottom(status);
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (!files.isEmpty()) {
                open(files.get(0).toPath());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
        refreshRecent();
        if (startupWarning != null) {
            status.setText(startupWarning);
        }
    }

    /**
     * The saved model and device; when they no longer open (a GPU gone, a model folder changed), the
     * shipped model on the automatic device, so a stale setting never keeps the studio from starting.
     */
    private Studio openSaved(StudioOpener opener, StudioSettings saved) throws InvalidModelException {
        try {
            return opener.open(saved.modelDir(), saved.device());
        } catch (RuntimeException | InvalidModelException e) {
            if (saved.modelDir() == null && saved.device() == ComputeDevice.AUTO) {
                throw e;
            }
            startupWarning = "The saved model or device could not be used (" + PlainMessage.of(e)
                    + "); the default model is open instead.";
            return opener.open(null, ComputeDevice.AUTO);
        }
    }

    public Parent root() {
        return root;
    }

    public javafx.scene.image.ImageView previewView() {
        return photoView.imageView();
    }

    PhotoView photoView() {
        return photoView;
    }

    Studio studio() {
        return studio;
    }

    EditSession session() {
        return session;
    }

    public Slider slider(String code) {
        return sliders.get(ActionUnits.standard().get(code).code());
    }

    /** The preset button, the neutralise button or the before/after toggle, by id (for tests and shortcuts). */
    public Node control(String id) {
        return root.lookup("#" + id);
    }

    public Label status() {
        return status;
    }

    /**
     * Opens a photo in the background. The returned future completes once its first preview is shown, or
     * once the photo is shown waiting for a face box when no face was found.
     */
    public CompletableFuture<Void> open(Path file) {
        status.setText("Opening " + file.getFileName() + "…");
        CompletableFuture<Void> shown = new CompletableFuture<>();
        studio.openPhoto(file).whenComplete((faces, error) -> Platform.runLater(() -> {
            if (error != null) {
                String message = PlainMessage.of(error);
                status.setText(message);
                showError("Cannot open " + file.getFileName(), message);
                shown.completeExceptionally(error);
                return;
            }
            settings.addRecent(file);
            refreshRecent();
            full = faces;
            if (faces.isEmpty()) {
                session = null;
                original = SwingFXUtils.toFXImage(faces.photo().image(), null);
                edited = original;
                photoView.setFaces(List.of(), 0);
                photoView.setMask(null, null);
                photoView.setImage(original);
                photoView.setDrawMode(true);
                status.setText("No face found in " + file.getFileName() + ": drag a box around the face to edit it.");
                shown.complete(null);
                return;
            }
            startSession(null, shown);
            status.setText(file.getFileName() + ": " + faces.count() + (faces.count() == 1 ? " face" : " faces; click one to edit it")
                    + (session.faces().photo().width() < faces.photo().width()
                    ? "  (preview at " + session.faces().photo().width() + "×" + session.faces().photo().height() + ")" : ""));
        }));
        return shown;
    }

    /**
     * A new session on {@link #full} at the settings' preview size, starting at {@code aus}, or untouched (null):
     * the sliders at the face's own expression and the photo shown as it is, nothing painted.
     */
    private void startSession(AuVector aus, CompletableFuture<Void> shown) {
        int face = session == null ? 0 : Math.min(session.face(), full.count() - 1);
        session = studio.session(full, settings.previewQuality().maxSide(), face);
        if (aus != null && !aus.equals(session.shown())) {
            session.set(aus);
        }
        original = SwingFXUtils.toFXImage(session.faces().photo().image(), null);
        lastFace = null;
        before.setSelected(false);
        photoView.setDrawMode(false);
        photoView.setFaces(session.faces().faces(), face);
        session.onChange(this::requestRender);
        setSliders(session.shown());
        if (session.shown().equals(studio.own(session, face))) {
            edited = original;
            photoView.setImage(original);
            showMask();
            shown.complete(null);
            return;
        }
        studio.render(session, session.shown(), RenderQuality.FINAL, r -> Platform.runLater(() -> {
            show(r);
            shown.complete(null);
        }), e -> Platform.runLater(() -> shown.completeExceptionally(e)));
    }

    /** Edits face {@code index} (0 = the largest) from now on. */
    void chooseFace(int index) {
        if (session == null || index == session.face()) {
            return;
        }
        session.chooseFace(index);
        photoView.setFaces(session.faces().faces(), index);
        status.setText("Editing face " + (index + 1) + " of " + session.faces().count());
        requestRender(session.shown(), RenderQuality.FINAL);
    }

    /** A box the user drew on the shown photo (its pixels): that region becomes the one face to edit. */
    void faceDrawn(double x, double y, double w, double h) {
        if (full == null) {
            return;
        }
        double k = full.photo().width() / photoView.imageView().getImage().getWidth();
        int bx = (int) Math.round(x * k);
        int by = (int) Math.round(y * k);
        int bw = Math.min((int) Math.round(w * k), full.photo().width() - bx);
        int bh = Math.min((int) Math.round(h * k), full.photo().height() - by);
        try {
            full = PhotoFaces.withBox(full.photo(), bx, by, bw, bh);
        } catch (IllegalArgumentException e) {
            showError("Cannot use that box", e.getMessage());
            return;
        }
        session = null;
        PhotoFaces drawn = full;
        studio.readOwn(drawn).whenComplete((f, error) -> Platform.runLater(() -> {
            if (error != null) {
                showError("Cannot read the face in that box", PlainMessage.of(error));
                return;
            }
            if (full == drawn) {
                startSession(null, new CompletableFuture<>());
                status.setText("Editing the face in the box you drew");
            }
        }));
    }

    public void close() {
        studio.close();
    }

    public void undo() {
        if (session != null) {
            session.undo();
            setSliders(session.shown());
        }
    }

    public void redo() {
        if (session != null) {
            session.redo();
            setSliders(session.shown());
        }
    }

    /** The sliders' current expression. */
    public AuVector expression() {
        return sliderValues();
    }

    private void requestRender(AuVector aus, RenderQuality quality) {
        EditSession s = session;
        RenderQuality asked = settings.quickDrafts() ? quality : RenderQuality.FINAL;
        studio.render(s, aus, asked, r -> Platform.runLater(() -> {
            if (s == session) {
                show(r);
            }
        }), e -> Platform.runLater(() -> status.setText("Render failed: " + PlainMessage.of(e))));
    }

    private void show(EditedPhoto r) {
        lastFace = r.faces().get(0);
        edited = SwingFXUtils.toFXImage(r.photo().image(), null);
        photoView.setImage(before.isSelected() ? original : edited);
        showMask();
    }

    /** The attention or colour mask of the latest render over the edited face, as the View menu says. */
    private void showMask() {
        Object mode = maskGroup.getSelectedToggle() == null ? null : maskGroup.getSelectedToggle().getUserData();
        if (lastFace == null || session == null || mode == null || mode == PhotoView.MaskOverlay.NONE) {
            photoView.setMask(null, null);
            return;
        }
        java.awt.image.BufferedImage image = mode == PhotoView.MaskOverlay.ATTENTION
                ? lastFace.attention().toBufferedImage() : lastFace.color().toBufferedImage();
        photoView.setMask(SwingFXUtils.toFXImage(image, null), session.chosenFace().crops().get(0));
    }

    /** Chooses what lies over the face: the edit alone, the attention mask A or the colour mask C. */
    public void showOverlay(PhotoView.MaskOverlay mode) {
        for (var t : maskGroup.getToggles()) {
            if (t.getUserData() == mode) {
                t.setSelected(true);
            }
        }
    }

    /** Emotion presets with one intensity, neutralise, read from photo, before/after. */
    private Parent toolbar() {
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(6, 6);
        bar.setPadding(new Insets(6, 10, 6, 10));
        Slider intensity = new Slider(0, 1, 1);
        intensity.setId("preset-intensity");
        intensity.setPrefWidth(110);
        SliderKeys.install(intensity, () -> { });
        intensity.setTooltip(new Tooltip("How far the preset buttons go: 0 leaves the face as photographed, 1 is the preset"));
        bar.getChildren().add(new Label("Presets"));
        for (EmotionPreset p : EmotionPresets.standard().all()) {
            if (p.id().equals("neutral")) {
                continue;
            }
            Button b = new Button(p.label());
            b.setId("preset-" + p.id());
            b.setTooltip(new Tooltip("FACS " + p.facs()));
            // from the face as photographed (0) to the preset (1), as on the command line
            b.setOnAction(e -> {
                if (session != null) {
                    apply(FaceExpression.toward(p.at(1), intensity.getValue())
                            .target(studio.own(session, session.face())));
                }
            });
            bar.getChildren().add(b);
        }
        bar.getChildren().addAll(new Label("intensity"), intensity);
        Button neutral = new Button("Neutralise");
        neutral.setId("neutralise");
        neutral.setTooltip(new Tooltip("All AUs to 0"));
        neutral.setOnAction(e -> apply(AuVector.zero()));
        before.setId("before-after");
        before.setTooltip(new Tooltip("Show the original photo (B)"));
        before.selectedProperty().addListener((obs, was, on) -> {
            if (original != null) {
                photoView.setImage(on ? original : edited);
            }
        });
        Button read = new Button("Read from photo");
        read.setId("read-from-photo");
        read.setTooltip(new Tooltip("Set the sliders to the face's own expression (AU estimator)"));
        read.setOnAction(e -> readFromPhoto());
        bar.getChildren().addAll(neutral, read, before);
        return bar;
    }

    private void readFromPhoto() {
        if (session == null) {
            return;
        }
        status.setText("Reading the face's AUs…");
        EditSession s = session;
        studio.readAus(s).whenComplete((aus, error) -> Platform.runLater(() -> {
            if (error != null) {
                String message = PlainMessage.of(error);
                status.setText(message);
                showError("Cannot read the expression", message);
            } else if (s == session) {
                apply(aus);
                status.setText("Sliders set to the face's own expression");
            }
        }));
    }

    /** A whole new expression as one undoable step. */
    private void apply(AuVector aus) {
        if (session != null) {
            session.set(aus);
            setSliders(session.shown());
        }
    }

    private AuVector sliderValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        sliders.forEach((code, s) -> values.put(code, s.getValue()));
        return AuVector.of(values);
    }

    private void setSliders(AuVector aus) {
        updatingSliders = true;
        try {
            sliders.forEach((code, s) -> s.setValue(aus.get(code)));
        } finally {
            updatingSliders = false;
        }
    }

    // ------------------------------------------------------------------ menus

    private MenuBar menus() {
        MenuItem open = item("Open…", "Shortcut+O", e -> chooseAndOpen());
        recent.setId("recent-files");
        MenuItem exportImage = item("Export image…", "Shortcut+S", e -> exportImage());
        MenuItem exportAnimation = item("Export animation…", "Shortcut+E", e -> openAnimationDialog());
        MenuItem exportSheet = item("Export 72-expression sheet…", "Shortcut+Shift+E", e -> exportSheet());
        MenuItem batch = item("Batch render folder…", "Shortcut+B", e -> openBatchDialog());
        batch.setId("batch-render");
        MenuItem settingsItem = item("Settings…", "Shortcut+Comma", e -> openSettings());
        MenuItem quit = item("Quit", "Shortcut+Q", e -> Platform.exit());
        Menu file = new Menu("File", null, open, recent, new SeparatorMenuItem(), exportImage, exportAnimation, exportSheet,
                new SeparatorMenuItem(), batch, new SeparatorMenuItem(), settingsItem, new SeparatorMenuItem(), quit);

        MenuItem undo = item("Undo", "Shortcut+Z", e -> undo());
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", e -> redo());
        MenuItem reset = item("Reset all AUs", "Shortcut+R", e -> apply(AuVector.zero()));
        MenuItem read = item("Read expression from photo", "Shortcut+Shift+R", e -> readFromPhoto());
        MenuItem draw = item("Point out a face…", "Shortcut+D", e -> {
            if (full != null) {
                photoView.setDrawMode(true);
                status.setText("Drag a box around the face to edit");
            }
        });
        Menu edit = new Menu("Edit", null, undo, redo, reset, new SeparatorMenuItem(), read, draw);

        MenuItem toggle = item("Before / after", "B", e -> before.setSelected(!before.isSelected()));
        Menu view = new Menu("View", null, toggle, new SeparatorMenuItem());
        String[][] overlays = {{"Edited photo", "1"}, {"Attention mask A over the face", "2"}, {"Colour mask C over the face", "3"}};
        for (int i = 0; i < overlays.length; i++) {
            RadioMenuItem r = new RadioMenuItem(overlays[i][0]);
            r.setAccelerator(KeyCombination.keyCombination(overlays[i][1]));
            r.setUserData(PhotoView.MaskOverlay.values()[i]);
            r.setToggleGroup(maskGroup);
            r.setSelected(i == 0);
            view.getItems().add(r);
        }
        maskGroup.selectedToggleProperty().addListener((o, a, b) -> showMask());
        CheckMenuItem outlines = new CheckMenuItem("Face outlines");
        outlines.setAccelerator(KeyCombination.keyCombination("O"));
        outlines.setSelected(true);
        outlines.selectedProperty().addListener((o, a, on) -> photoView.showOutlines(on));
        view.getItems().addAll(new SeparatorMenuItem(), outlines);
        return new MenuBar(file, edit, view);
    }

    private static MenuItem item(String label, String keys, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        MenuItem m = new MenuItem(label);
        m.setAccelerator(KeyCombination.keyCombination(keys));
        m.setOnAction(action);
        return m;
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Photos",
                "*.jpg", "*.jpeg", "*.png", "*.bmp", "*.gif", "*.tif", "*.tiff", "*.webp"));
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            open(f.toPath());
        }
    }

    private void refreshRecent() {
        recent.getItems().clear();
        for (Path p : settings.recentFiles()) {
            MenuItem m = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
            m.setMnemonicParsing(false);
            m.setOnAction(e -> open(p));
            recent.getItems().add(m);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    // ------------------------------------------------------------------ exports

    /** The chosen face in the full photo, or null (with a message) when nothing is open. */
    private PhotoFaces exportFace() {
        if (session == null) {
            showError("Nothing to export", "Open a photo with a face first (File ▸ Open).");
            return null;
        }
        return Studio.fullFace(full, session);
    }

    private File chooseOutput(String title, String suffix, String defaultExt, String... extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (String ext : extensions) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        }
        Path source = full.photo().source();
        if (source != null) {
            chooser.setInitialFileName(source.getFileName().toString().replaceFirst("\\.[^.]+$", "") + suffix + "." + defaultExt);
            if (source.getParent() != null) {
                chooser.setInitialDirectory(source.getParent().toFile());
            }
        }
        return chooser.showSaveDialog(root.getScene().getWindow());
    }

    private void exportImage() {
        PhotoFaces face = exportFace();
        if (face == null) {
            return;
        }
        File f = chooseOutput("Export image", "-edited", "png", "png", "jpg", "bmp");
        if (f != null) {
            exportImage(f.toPath());
        }
    }

    /** Writes the full-size edited photo to {@code target} (the file chooser's continuation; tests call it). */
    CompletableFuture<Path> exportImage(Path target) {
        return report("Writing " + target.getFileName() + "…",
                studio.exportStill(Studio.fullFace(full, session), sliderValues(), target), "Cannot export the image");
    }

    private void exportSheet() {
        PhotoFaces face = exportFace();
        if (face == null) {
            return;
        }
        File f = chooseOutput("Export 72-expression sheet", "-sheet", "png", "png", "jpg");
        if (f != null) {
            exportSheet(f.toPath());
        }
    }

    CompletableFuture<Path> exportSheet(Path target) {
        return report("Rendering 72 expressions into " + target.getFileName() + "…",
                studio.exportSheet(Studio.fullFace(full, session), target), "Cannot export the sheet");
    }

    private CompletableFuture<Path> report(String working, CompletableFuture<Path> job, String failure) {
        status.setText(working);
        job.whenComplete((p, error) -> Platform.runLater(() -> {
            if (error != null) {
                status.setText(failure + ": " + PlainMessage.of(error));
                showError(failure, PlainMessage.of(error));
            } else {
                status.setText("Wrote " + p);
            }
        }));
        return job;
    }

    /** File ▸ Export animation: the dialog, from the chosen face to the sliders' expression. */
    AnimationDialog openAnimationDialog() {
        PhotoFaces face = exportFace();
        if (face == null) {
            return null;
        }
        AnimationDialog dialog = new AnimationDialog(root.getScene().getWindow(), studio, face, sliderValues());
        dialog.show();
        return dialog;
    }

    /** Opens the batch dialog (kept with its last choices while the model stays) at the sliders' expression. */
    public BatchDialog openBatchDialog() {
        if (batchDialog == null || batchDialog.studio() != studio) {
            batchDialog = new BatchDialog(root.getScene().getWindow(), studio, this::sliderValues);
        }
        batchDialog.show();
        return batchDialog;
    }

    // ------------------------------------------------------------------ settings

    private void openSettings() {
        String inUse = studio.modelDirectory().path() + " (" + studio.model().device() + ")";
        SettingsDialog.Choice c;
        try {
            var choice = new SettingsDialog(root.getScene().getWindow(), settings, inUse).ask();
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

    /** Saves the settings; reopens the model when it or the device changed, and the preview when its size did. */
    CompletableFuture<Void> applySettings(SettingsDialog.Choice c) {
        boolean modelChanged = !java.util.Objects.equals(c.modelDir(), settings.modelDir()) || c.device() != settings.device();
        boolean previewChanged = c.quality() != settings.previewQuality();
        settings.setQuickDrafts(c.quickDrafts());
        if (!modelChanged) {
            settings.setPreviewQuality(c.quality());
            if (previewChanged && session != null) {
                startSession(session.shown(), new CompletableFuture<>());
            }
            return CompletableFuture.completedFuture(null);
        }
        status.setText("Loading the model…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return opener.open(c.modelDir(), c.device());
            } catch (InvalidModelException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).whenComplete((opened, error) -> Platform.runLater(() -> {
            if (error != null) {
                status.setText("Kept the previous model");
                showError("Cannot use that model", PlainMessage.of(error));
                done.completeExceptionally(error);
                return;
            }
            settings.setModelDir(c.modelDir());
            settings.setDevice(c.device());
            settings.setPreviewQuality(c.quality());
            Studio old = studio;
            studio = opened;
            old.close();
            status.setText("Model: " + opened.modelDirectory().path() + " on " + opened.model().device());
            if (session != null) {
                startSession(session.shown(), done);
            } else {
                done.complete(null);
            }
        }));
        return done;
    }

    // ------------------------------------------------------------------ sliders

    private Parent sliderPanel() {
        ActionUnits units = ActionUnits.standard();
        Map<String, GridPane> groups = new LinkedHashMap<>();
        for (ActionUnit au : units.all()) {
            GridPane grid = groups.computeIfAbsent(au.group(), g -> {
                GridPane p = new GridPane();
                p.setHgap(8);
                p.setVgap(4);
                return p;
            });
            int row = grid.getRowCount();
            Label name = new Label(au.code() + "  " + au.name());
            Slider slider = new Slider(0, 1, 0);
            slider.setPrefWidth(170);
            slider.setId("slider-" + au.code());
            Label value = new Label("0.00");
            value.setMinWidth(34);
            Tooltip tip = new Tooltip(au.muscle());
            tip.setWrapText(true);
            tip.setMaxWidth(320);
            name.setTooltip(tip);
            slider.setTooltip(tip);
            slider.valueProperty().addListener((obs, old, v) -> {
                value.setText(String.format(Locale.ROOT, "%.2f", v.doubleValue()));
                if (!updatingSliders && session != null) {
                    if (slider.isValueChanging() || slider.isPressed()) {
                        session.preview(sliderValues()); // a drag: drafts until the release commits
                    } else {
                        session.set(sliderValues()); // a key press: one settled step
                    }
                }
            });
            slider.valueChangingProperty().addListener((obs, was, changing) -> {
                if (!changing && session != null) {
                    session.commit();
                }
            });
            SliderKeys.install(slider, () -> {
                if (session != null) {
                    session.commit();
                }
            });
            // a click or a key press moves the slider without a drag: commit it at once
            slider.setOnMouseReleased(e -> {
                if (session != null) {
                    session.commit();
                }
            });
            sliders.put(au.code(), slider);
            grid.add(name, 0, row);
            grid.add(new HBox(6, slider, value), 0, row + 1);
        }
        VBox box = new VBox(6);
        box.setPadding(new Insets(8));
        groups.forEach((g, grid) -> box.getChildren().add(new TitledPane(units.groupLabel(g), grid)));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(300);
        return scroll;
    }

    private void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(title);
        if (root.getScene() != null) {
            alert.initOwner(root.getScene().getWindow());
        }
        alert.show();
    }
}
