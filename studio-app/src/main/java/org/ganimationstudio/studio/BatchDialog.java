package org.ganimationstudio.studio;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.studio.Studio;
import org.ganimationstudio.service.studio.BatchOptions;

/**
 * Renders a whole folder at the sliders' expression: choose the folders, what each photo becomes and
 * which faces, then follow the progress and read the summary. The batch runs on the {@link Studio}'s
 * thread; this class only shows it. Every control has an id, for tests and for keyboard users' tools.
 */
public final class BatchDialog {

    private final Studio studio;
    private final Supplier<AuVector> expression;
    private final Stage stage = new Stage();
    private final TextField input = new TextField();
    private final TextField output = new TextField();
    private final CheckBox recursive = new CheckBox("Include sub-folders");
    private final ComboBox<BatchOptions.Output> kind = new ComboBox<>();
    private final RadioButton allFaces = new RadioButton("All faces");
    private final RadioButton largestFace = new RadioButton("The largest face");
    private final Label expressionLabel = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private long started;
    private final Label count = new Label();
    private final Label current = new Label();
    private final Label message = new Label();
    private final TextArea summary = new TextArea();
    private final Button start = new Button("Start");
    private final Button cancel = new Button("Cancel");
    private final Button close = new Button("Close");
    private final VBox form;
    private CompletableFuture<BatchRun.Summary> running;
    private AtomicBoolean cancelRequested = new AtomicBoolean();

    /** @param expression the sliders' current values, read when a batch starts (on the FX thread) */
    public BatchDialog(Window owner, Studio studio, Supplier<AuVector> expression) {
        this.studio = studio;
        this.expression = expression;
        stage.initOwner(owner);
        stage.setTitle("Batch render folder");
        expressionLabel.setId("batch-expression");
        expressionLabel.setWrapText(true);
        message.setId("batch-message");
        message.setWrapText(true);
        summary.setId("batch-summary");
        summary.setEditable(false);
        summary.setWrapText(true);
        summary.setPrefRowCount(8);
        VBox.setVgrow(summary, Priority.ALWAYS);
        form = new VBox(10, folders(), choices());
        VBox root = new VBox(12, form, expressionLabel, progressRow(), message, summary, buttons());
        root.setPadding(new Insets(14));
        stage.setScene(new Scene(root, 620, 520));
        // closing the dialog stops the batch after its current photo rather than leaving it unseen
        stage.setOnHidden(e -> cancel());
    }

    /** Shows the dialog (again) with the sliders' expression described. */
    public void show() {
        expressionLabel.setText(BatchText.describe(expression.get()));
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    /** A control by id, e.g. {@code batch-input}, {@code batch-start}, {@code batch-summary}. */
    public Node control(String id) {
        return stage.getScene().lookup("#" + id);
    }

    /**
     * Fills in the dialog and starts, as a user would (native folder choosers cannot be driven in tests).
     * Call on the FX thread.
     */
    public CompletableFuture<BatchRun.Summary> start(Path in, Path out, BatchOptions options) {
        input.setText(in.toString());
        output.setText(out.toString());
        recursive.setSelected(options.recursive());
        kind.setValue(options.output());
        (options.largestFaceOnly() ? largestFace : allFaces).setSelected(true);
        return start();
    }

    /**
     * Starts a batch with what the dialog shows, at the sliders' expression; what the Start button does.
     * The future completes once the summary (or the error) is shown. Call on the FX thread.
     */
    public CompletableFuture<BatchRun.Summary> start() {
        if (running != null && !running.isDone()) {
            return running;
        }
        Path in;
        Path out;
        try {
            in = folder(input, "Choose the folder of photos.");
            out = folder(output, "Choose a folder for the results.");
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        AuVector target = expression.get();
        expressionLabel.setText(BatchText.describe(target));
        BatchOptions options = new BatchOptions(recursive.isSelected(), kind.getValue(), largestFace.isSelected());
        AtomicBoolean stop = new AtomicBoolean();
        cancelRequested = stop;
        CompletableFuture<BatchRun.Summary> shown = new CompletableFuture<>();
        running = shown;
        setRunning(true);
        message.setText("Starting…");
        summary.clear();
        count.setText("");
        current.setText("");
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        int[] total = {0};
        int[] finished = {0};
        started = System.nanoTime();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchRun.Listener listener = new BatchRun.Listener() {
            @Override
            public void warning(String text) {
                warnings.add(text); // a folder left out (a link back into itself): shown with the summary
            }

            @Override
            public void started(int photos, int alreadyDone) {
                Platform.runLater(() -> {
                    total[0] = photos;
                    message.setText(alreadyDone == 0 ? "" : alreadyDone + " already done in the output folder; "
                            + "they are skipped.");
                    showCount(finished[0], photos);
                });
            }

            @Override
            public void rendering(Path photo) {
                Platform.runLater(() -> current.setText(photo.getFileName().toString()));
            }

            @Override
            public void finished(Path photo, BatchRun.Outcome outcome, String reason) {
                Platform.runLater(() -> showCount(++finished[0], total[0]));
            }
        };
        studio.runBatch(in, out, options, target, listener, stop::get).whenComplete((s, error) -> Platform.runLater(() -> {
            setRunning(false);
            if (error != null) {
                progress.setProgress(0);
                message.setText(BatchText.plainMessage(error));
                shown.completeExceptionally(error);
                return;
            }
            progress.setProgress(s.cancelled() && total[0] > 0 ? (double) s.total() / total[0] : 1);
            message.setText("");
            summary.setText(BatchText.summary(s, total[0], in)
                    + (warnings.isEmpty() ? "" : "\n" + String.join("\n", warnings)));
            shown.complete(s);
        }));
        return shown;
    }

    /** Stops the batch after the photo in progress. */
    public void cancel() {
        if (running != null && !running.isDone() && !cancelRequested.getAndSet(true)) {
            cancel.setDisable(true);
            message.setText("Stopping after the current photo…");
        }
    }

    private void showCount(int done, int photos) {
        count.setText(done + " of " + photos + StudioModel.eta(started, done, photos));
        progress.setProgress(photos == 0 ? 1 : (double) done / photos);
    }

    private void setRunning(boolean on) {
        form.setDisable(on);
        start.setDisable(on);
        cancel.setDisable(!on);
    }

    private static Path folder(TextField field, String missing) {
        String text = field.getText() == null ? "" : field.getText().trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(missing);
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a folder name.", e);
        }
    }

    private GridPane folders() {
        input.setId("batch-input");
        output.setId("batch-output");
        input.setPromptText("The folder of photos");
        output.setPromptText("A folder for the results (created if needed)");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Photos from"), input, chooser(input, "batch-choose-input", "Choose the folder of photos"));
        grid.addRow(1, new Label("Save into"), output, chooser(output, "batch-choose-output", "Choose a folder for the results"));
        GridPane.setHgrow(input, Priority.ALWAYS);
        GridPane.setHgrow(output, Priority.ALWAYS);
        recursive.setId("batch-recursive");
        grid.add(recursive, 1, 2);
        return grid;
    }

    private Button chooser(TextField field, String id, String title) {
        Button b = new Button("Choose…");
        b.setId(id);
        b.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            try {
                Path now = Path.of(field.getText().trim());
                if (!field.getText().isBlank() && Files.isDirectory(now)) {
                    chooser.setInitialDirectory(now.toFile());
                }
            } catch (InvalidPathException ignored) {
                // start wherever the system starts
            }
            File dir = chooser.showDialog(stage);
            if (dir != null) {
                field.setText(dir.getPath());
            }
        });
        return b;
    }

    private GridPane choices() {
        kind.setId("batch-output-kind");
        kind.getItems().setAll(BatchOptions.Output.values());
        kind.setValue(BatchOptions.Output.STILL_SAME_FORMAT);
        ToggleGroup faces = new ToggleGroup();
        allFaces.setToggleGroup(faces);
        largestFace.setToggleGroup(faces);
        allFaces.setId("batch-all-faces");
        largestFace.setId("batch-largest-face");
        allFaces.setSelected(true);
        Label note = new Label("Animations run " + (int) BatchOptions.ANIMATION_SECONDS + " s at "
                + (int) BatchOptions.ANIMATION.fps() + " frames per second.");
        note.setStyle("-fx-opacity: 0.7;");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Each photo becomes"), kind);
        grid.add(note, 1, 1);
        grid.addRow(2, new Label("Faces"), new HBox(14, allFaces, largestFace));
        return grid;
    }

    private VBox progressRow() {
        progress.setId("batch-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        count.setId("batch-count");
        current.setId("batch-current");
        HBox line = new HBox(12, count, current);
        return new VBox(6, progress, line);
    }

    private HBox buttons() {
        start.setId("batch-start");
        cancel.setId("batch-cancel");
        close.setId("batch-close");
        start.setDefaultButton(true);
        start.setOnAction(e -> start());
        cancel.setOnAction(e -> cancel());
        cancel.setDisable(true);
        close.setOnAction(e -> stage.hide());
        HBox box = new HBox(8, start, cancel, close);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    /** The studio whose model the dialog renders with. */
    Studio studio() {
        return studio;
    }
}
