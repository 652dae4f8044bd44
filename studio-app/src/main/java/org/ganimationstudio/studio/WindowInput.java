package org.ganimationstudio.studio;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.stage.FileChooser;

/** What the window takes in besides menus and controls: dropped photos, the held compare key, and the file choosers. */
final class WindowInput {

    private WindowInput() {
    }

    /**
     * A photo dropped on the sliders is an expression to copy onto the selected face; anywhere else it opens. Holding
     * \ shows the photo as it was, until the key is let go (not while typing in a field).
     */
    static void install(Pane root, Node sliders, StudioModel model, Consumer<Path> open) {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (!files.isEmpty()) {
                boolean onSliders = sliders.localToScene(sliders.getBoundsInLocal()).contains(e.getSceneX(), e.getSceneY());
                if (onSliders && model.edit() != null) {
                    model.copyExpressionFrom(files.get(0).toPath());
                } else {
                    open.accept(files.get(0).toPath());
                }
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.BACK_SLASH && !(e.getTarget() instanceof TextInputControl)) {
                model.compareProperty().set(true);
                e.consume();
            }
        });
        root.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.BACK_SLASH && !(e.getTarget() instanceof TextInputControl)) {
                model.compareProperty().set(false);
                e.consume();
            }
        });
    }

    static FileChooser photoChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Photos",
                "*.jpg", "*.jpeg", "*.png", "*.bmp", "*.gif", "*.tif", "*.tiff", "*.webp"));
        return chooser;
    }

    /** A save chooser beside {@code source}, named after it with {@code suffix}. */
    static FileChooser outputChooser(String title, Path source, String suffix, String defaultExt, String... extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (String ext : extensions) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        }
        if (source != null) {
            chooser.setInitialFileName(source.getFileName().toString().replaceFirst("\\.[^.]+$", "") + suffix + "." + defaultExt);
            if (source.getParent() != null) {
                chooser.setInitialDirectory(source.getParent().toFile());
            }
        }
        return chooser;
    }
}
