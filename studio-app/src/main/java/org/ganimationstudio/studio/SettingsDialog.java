package org.ganimationstudio.studio;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.ganimationstudio.face.FaceFinderKind;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.service.studio.StudioSettings;

/** Edit ▸ Settings: the model directory, CPU or GPU, the preview quality and the face finder. */
final class SettingsDialog {

    /** What the user chose; {@code modelDir} null means the shipped default model. */
    record Choice(Path modelDir, ComputeDevice device, StudioSettings.PreviewQuality quality, boolean quickDrafts,
                  FaceFinderKind faceFinder) {
    }

    private final Dialog<Choice> dialog = new Dialog<>();

    SettingsDialog(Window owner, StudioSettings current, String currentModel) {
        dialog.initOwner(owner);
        dialog.setTitle("Settings");
        dialog.setHeaderText("Model, device and preview");
        TextField model = new TextField(current.modelDir() == null ? "" : current.modelDir().toString());
        model.setPromptText("the shipped default model");
        model.setPrefColumnCount(32);
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Model directory (with model.json)");
            File f = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                model.setText(f.getPath());
            }
        });
        Button shipped = new Button("Default");
        shipped.setOnAction(e -> model.clear());
        ChoiceBox<ComputeDevice> device = new ChoiceBox<>();
        device.getItems().setAll(ComputeDevice.values());
        device.setValue(current.device());
        device.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ComputeDevice d) {
                return d == null ? "" : switch (d) {
                    case AUTO -> "Automatic (the GPU when there is one)";
                    case CPU -> "CPU";
                    case CUDA -> "GPU (CUDA)";
                };
            }

            @Override
            public ComputeDevice fromString(String s) {
                return null;
            }
        });
        ChoiceBox<StudioSettings.PreviewQuality> quality = new ChoiceBox<>();
        quality.getItems().setAll(StudioSettings.PreviewQuality.values());
        quality.setValue(current.previewQuality());
        CheckBox drafts = new CheckBox("Quick drafts while dragging a slider (the model's preview generator: "
                + "faster, but its colours differ from the full model's until you let go)");
        drafts.setId("settings-quick-drafts");
        drafts.setSelected(current.quickDrafts());
        drafts.setWrapText(true);
        drafts.setMaxWidth(520);

        ChoiceBox<FaceFinderKind> finder = new ChoiceBox<>();
        finder.setId("settings-face-finder");
        finder.getItems().setAll(FaceFinderKind.values());
        finder.setValue(current.faceFinder());
        finder.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FaceFinderKind k) {
                return k == null ? "" : switch (k) {
                    case CNN -> "CNN with landmarks (any rotation, small faces)";
                    case HAAR -> "Haar cascades (upright faces only, no landmarks)";
                };
            }

            @Override
            public FaceFinderKind fromString(String s) {
                return null;
            }
        });

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(10));
        Label inUse = new Label(currentModel);
        inUse.setId("settings-in-use");
        inUse.setWrapText(true);
        inUse.setMaxWidth(520);
        grid.addRow(0, label("Model directory"), new HBox(6, model, browse, shipped));
        grid.addRow(1, label("In use"), inUse);
        grid.addRow(2, label("Run on"), device);
        grid.addRow(3, label("Preview quality"), quality);
        grid.addRow(4, label("Dragging"), drafts);
        grid.addRow(5, label("Face finder"), finder);
        // the labels' column never shrinks below its text, so nothing is cut to "…" at the dialog's own size
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        Label note = new Label("Exports always render the full photo; the preview quality only sets the live preview's size.");
        note.setWrapText(true);
        note.setMaxWidth(520);
        grid.add(note, 0, 6, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b != ButtonType.OK ? null
                : new Choice(model.getText().isBlank() ? null : Path.of(model.getText().trim()), device.getValue(), quality.getValue(),
                        drafts.isSelected(), finder.getValue()));
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /** The dialog itself (tests show it without waiting for an answer). */
    Dialog<Choice> dialog() {
        return dialog;
    }

    Optional<Choice> ask() {
        return dialog.showAndWait();
    }
}
