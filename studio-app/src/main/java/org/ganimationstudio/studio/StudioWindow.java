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
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.ganimationstudio.model.ActionUnit;
import org.ganimationstudio.model.ActionUnits;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.EmotionPreset;
import org.ganimationstudio.model.EmotionPresets;
import org.ganimationstudio.service.EditSession;
import org.ganimationstudio.service.EditedPhoto;

/**
 * The main window. Thin: sliders write AU values into the {@link EditSession}; the session's changes
 * go to the {@link Studio}'s render loop; finished renders come back to the FX thread as images.
 */
public final class StudioWindow {

    private final Studio studio;
    private final BorderPane root = new BorderPane();
    private final ImageView preview = new ImageView();
    private final Label status = new Label("Drop a photo here, or File ▸ Open (Ctrl+O).");
    private final Map<String, Slider> sliders = new LinkedHashMap<>();
    private final ToggleButton before = new ToggleButton("Before");
    private final ImageView attention = new ImageView();
    private final ImageView color = new ImageView();
    private EditSession session;
    private boolean updatingSliders;
    private Image original;
    private Image edited;
    private BatchDialog batchDialog;

    public StudioWindow(Studio studio) {
        this.studio = studio;
        preview.setPreserveRatio(true);
        StackPane center = new StackPane(preview);
        center.setPadding(new Insets(12));
        preview.fitWidthProperty().bind(center.widthProperty().subtract(24));
        preview.fitHeightProperty().bind(center.heightProperty().subtract(24));
        root.setTop(new VBox(menus(), toolbar()));
        root.setCenter(center);
        root.setRight(new VBox(sliderPanel(), maskPanel()));
        status.setPadding(new Insets(4, 10, 4, 10));
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
    }

    public Parent root() {
        return root;
    }

    public ImageView previewView() {
        return preview;
    }

    public Slider slider(String code) {
        return sliders.get(ActionUnits.standard().get(code).code());
    }

    /** The preset button, the neutralise button or the before/after toggle, by id (for tests and shortcuts). */
    public javafx.scene.Node control(String id) {
        return root.lookup("#" + id);
    }

    public Label status() {
        return status;
    }

    /** Opens a photo in the background; the returned future completes once its first preview is shown. */
    public CompletableFuture<Void> open(Path file) {
        status.setText("Opening " + file.getFileName() + "…");
        CompletableFuture<Void> shown = new CompletableFuture<>();
        studio.openPhoto(file).whenComplete((s, error) -> Platform.runLater(() -> {
            if (error != null) {
                String message = error.getCause() != null ? error.getCause().getMessage() : error.getMessage();
                status.setText(message);
                showError("Cannot open " + file.getFileName(), message);
                shown.completeExceptionally(error);
                return;
            }
            session = s;
            original = null;
            before.setSelected(false);
            session.onChange(this::requestRender);
            setSliders(session.shown());
            status.setText(file.getFileName() + ": " + s.faces().count() + " face(s); editing face 1");
            studio.render(session, session.shown(), r -> Platform.runLater(() -> {
                show(r);
                shown.complete(null);
            }), e -> Platform.runLater(() -> shown.completeExceptionally(e)));
        }));
        return shown;
    }

    /** Opens the batch dialog (one per window, kept with its last choices) at the sliders' expression. */
    public BatchDialog openBatchDialog() {
        if (batchDialog == null) {
            batchDialog = new BatchDialog(root.getScene().getWindow(), studio, this::sliderValues);
        }
        batchDialog.show();
        return batchDialog;
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

    private void requestRender(AuVector aus) {
        studio.render(session, aus, r -> Platform.runLater(() -> show(r)),
                e -> Platform.runLater(() -> status.setText("Render failed: " + e.getMessage())));
    }

    private void show(EditedPhoto r) {
        attention.setImage(SwingFXUtils.toFXImage(r.faces().get(0).attention().toBufferedImage(), null));
        color.setImage(SwingFXUtils.toFXImage(r.faces().get(0).color().toBufferedImage(), null));
        edited = SwingFXUtils.toFXImage(r.photo().image(), null);
        if (original == null) {
            original = SwingFXUtils.toFXImage(session.faces().photo().image(), null);
        }
        preview.setImage(before.isSelected() ? original : edited);
    }

    /** Emotion presets with one intensity, neutralise, and the before/after toggle. */
    private Parent toolbar() {
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(6, 6);
        bar.setPadding(new Insets(6, 10, 6, 10));
        Slider intensity = new Slider(0, 1, 1);
        intensity.setId("preset-intensity");
        intensity.setPrefWidth(110);
        intensity.setTooltip(new Tooltip("Strength of the preset buttons"));
        bar.getChildren().add(new Label("Presets"));
        for (EmotionPreset p : EmotionPresets.standard().all()) {
            if (p.id().equals("neutral")) {
                continue;
            }
            Button b = new Button(p.label());
            b.setId("preset-" + p.id());
            b.setTooltip(new Tooltip("FACS " + p.facs()));
            b.setOnAction(e -> apply(p.at(intensity.getValue())));
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
                preview.setImage(on ? original : edited);
            }
        });
        Button read = new Button("Read from photo");
        read.setId("read-from-photo");
        read.setTooltip(new Tooltip("Set the sliders to the face's own expression (AU estimator)"));
        read.setOnAction(e -> {
            if (session == null) {
                return;
            }
            status.setText("Reading the face's AUs…");
            EditSession s = session;
            studio.readAus(s).whenComplete((aus, error) -> Platform.runLater(() -> {
                if (error != null) {
                    String message = error.getCause() != null ? error.getCause().getMessage() : error.getMessage();
                    status.setText(message);
                    showError("Cannot read the expression", message);
                } else if (s == session) {
                    apply(aus);
                    status.setText("Sliders set to the face's own expression");
                }
            }));
        });
        bar.getChildren().addAll(neutral, read, before);
        return bar;
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

    private MenuBar menus() {
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Photos",
                    "*.jpg", "*.jpeg", "*.png", "*.bmp", "*.gif", "*.tif", "*.tiff", "*.webp"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                open(f.toPath());
            }
        });
        // Shortcut+B: plain B is the before/after toggle
        MenuItem batch = new MenuItem("Batch render folder…");
        batch.setId("batch-render");
        batch.setAccelerator(KeyCombination.keyCombination("Shortcut+B"));
        batch.setOnAction(e -> openBatchDialog());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        MenuItem undo = new MenuItem("Undo");
        undo.setAccelerator(KeyCombination.keyCombination("Shortcut+Z"));
        undo.setOnAction(e -> undo());
        MenuItem redo = new MenuItem("Redo");
        redo.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+Z"));
        redo.setOnAction(e -> redo());
        MenuItem reset = new MenuItem("Reset all AUs");
        reset.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        reset.setOnAction(e -> apply(AuVector.zero()));
        MenuItem toggle = new MenuItem("Before / after");
        toggle.setAccelerator(KeyCombination.keyCombination("B"));
        toggle.setOnAction(e -> before.setSelected(!before.isSelected()));
        return new MenuBar(new Menu("File", null, open, batch, quit), new Menu("Edit", null, undo, redo, reset),
                new Menu("View", null, toggle));
    }

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
                    session.preview(sliderValues());
                }
            });
            slider.valueChangingProperty().addListener((obs, was, changing) -> {
                if (!changing && session != null) {
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
            grid.add(name, 0, row * 2, 2, 1);
            grid.add(slider, 0, row * 2 + 1);
            grid.add(value, 1, row * 2 + 1);
        }
        VBox box = new VBox(6);
        box.setPadding(new Insets(8));
        groups.forEach((g, grid) -> box.getChildren().add(new TitledPane(units.groupLabel(g), grid)));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(300);
        return scroll;
    }

    /** The model's attention mask A (white: the photo kept) and colour mask C for the edited face. */
    private Parent maskPanel() {
        attention.setFitWidth(128);
        attention.setFitHeight(128);
        color.setFitWidth(128);
        color.setFitHeight(128);
        attention.setId("attention-mask");
        color.setId("color-mask");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.add(new Label("Attention A"), 0, 0);
        grid.add(new Label("Colour C"), 1, 0);
        grid.add(attention, 0, 1);
        grid.add(color, 1, 1);
        TitledPane pane = new TitledPane("Masks", grid);
        pane.setExpanded(true);
        return pane;
    }

    private void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(title);
        alert.show();
    }
}
