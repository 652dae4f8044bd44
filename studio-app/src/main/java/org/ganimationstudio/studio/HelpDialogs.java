package org.ganimationstudio.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.service.studio.Studio;

/** Help ▸ Keyboard shortcuts and Help ▸ About, their text from resource files beside this class. */
final class HelpDialogs {

    private HelpDialogs() {
    }

    /** The shortcuts as (keys, what they do), from {@code shortcuts.tsv}. */
    static List<String[]> shortcuts() {
        List<String[]> rows = new ArrayList<>();
        for (String line : resource("shortcuts.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t", 2));
            }
        }
        return rows;
    }

    /** The app's version from its jar's manifest, or "development build" when run from classes. */
    static String version() {
        String v = StudioApp.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static Alert shortcutsDialog(Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setPadding(new Insets(6));
        int row = 0;
        for (String[] s : shortcuts()) {
            Label keys = new Label(s[0]);
            keys.setStyle("-fx-font-weight: bold;");
            keys.setMinWidth(Label.USE_PREF_SIZE);
            grid.addRow(row++, keys, new Label(s.length > 1 ? s[1] : ""));
        }
        Alert a = dialog(owner, "Keyboard shortcuts", "Keyboard shortcuts");
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("shortcuts-dialog");
        return a;
    }

    static Alert aboutDialog(Window owner, Studio studio) {
        Label version = new Label("Version: " + version());
        version.setId("about-version");
        ModelDirectory dir = studio.modelDirectory();
        Object description = dir.metadata().provenance() == null ? null : dir.metadata().provenance().get("description");
        Label model = new Label("Model: " + dir.path().getFileName() + " (" + dir.metadata().architecture().name() + ", on "
                + studio.deviceLabel() + ")" + (description == null ? "" : "\n" + description)
                + "\nModel card: docs/MODEL_CARD.md");
        model.setId("about-model");
        model.setWrapText(true);
        model.setMaxWidth(560);
        TextArea text = new TextArea(resource("about.txt"));
        text.setId("about-licences");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(14);
        text.setPrefColumnCount(60);
        VBox box = new VBox(10, version, model, text);
        box.setPadding(new Insets(6));
        Alert a = dialog(owner, "About GANimation Studio", "GANimation Studio");
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("about-dialog");
        return a;
    }

    private static Alert dialog(Window owner, String title, String header) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.setTitle(title);
        a.setHeaderText(header);
        a.setGraphic(null);
        a.setResizable(true);
        if (owner != null) {
            a.initOwner(owner);
        }
        return a;
    }

    private static String resource(String name) {
        try (InputStream in = HelpDialogs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the studio's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
