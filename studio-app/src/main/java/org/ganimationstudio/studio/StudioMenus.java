package org.ganimationstudio.studio;

import java.nio.file.Path;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** The menu bar: File, Edit, View and Help, each item a command of the {@link StudioModel} or a dialog of the window. */
final class StudioMenus extends MenuBar {

    private final StudioModel model;
    private final Menu recent = new Menu("Open Recent");

    StudioMenus(StudioModel model, StudioWindow window, PhotoView photo) {
        this.model = model;
        MenuItem open = item("Open…", "Shortcut+O", e -> window.chooseAndOpen());
        recent.setId("recent-files");
        MenuItem copy = item("Copy expression from photo…", "Shortcut+Shift+O", e -> window.chooseExpressionSource());
        copy.setId("copy-expression");
        MenuItem exportImage = item("Export image…", "Shortcut+S", e -> window.exportImage());
        MenuItem exportAnimation = item("Export animation…", "Shortcut+E", e -> window.openAnimationDialog());
        MenuItem exportSheet = item("Export 72-expression sheet…", "Shortcut+Shift+E", e -> window.exportSheet());
        MenuItem batch = item("Batch render folder…", "Shortcut+B", e -> window.openBatchDialog());
        batch.setId("batch-render");
        MenuItem settings = item("Settings…", "Shortcut+Comma", e -> window.openSettings());
        MenuItem quit = item("Quit", "Shortcut+Q", e -> window.quit());
        quit.setId("quit");
        getMenus().add(new Menu("File", null, open, recent, copy, new SeparatorMenuItem(), exportImage, exportAnimation,
                exportSheet, new SeparatorMenuItem(), batch, new SeparatorMenuItem(), settings, new SeparatorMenuItem(), quit));

        MenuItem undo = item("Undo", "Shortcut+Z", e -> model.undo());
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", e -> model.redo());
        MenuItem reset = item("Reset face to the photo", "Shortcut+R", e -> model.resetFace());
        MenuItem neutral = item("Neutralise face (all AUs 0)", null, e -> model.neutralise());
        MenuItem read = item("Read expression from photo", "Shortcut+Shift+R", e -> model.readFromPhoto());
        MenuItem next = item("Next face", "N", e -> {
            var edit = model.edit();
            if (edit != null && edit.count() > 1) {
                model.selectFace((edit.selected() + 1) % edit.count());
            }
        });
        MenuItem draw = item("Point out a face…", "Shortcut+D", e -> model.startDrawing());
        getMenus().add(new Menu("Edit", null, undo, redo, reset, neutral, new SeparatorMenuItem(), read, next, draw));

        MenuItem before = item("Before / after", "B", e -> model.compareProperty().set(!model.compareProperty().get()));
        MenuItem split = item("Split view", "V", e -> model.viewModeProperty().set(
                model.viewModeProperty().get() == StudioModel.ViewMode.SPLIT ? StudioModel.ViewMode.EDITED : StudioModel.ViewMode.SPLIT));
        MenuItem fit = item("Fit to window", "Shortcut+0", e -> photo.fit());
        MenuItem actual = item("Actual size (100%)", "Shortcut+1", e -> photo.actualSize());
        Menu view = new Menu("View", null, before, split, new SeparatorMenuItem(), fit, actual, new SeparatorMenuItem());
        ToggleGroup masks = new ToggleGroup();
        String[][] overlays = {{"Edited photo", "1"}, {"Attention mask A over the face", "2"}, {"Colour mask C over the face", "3"}};
        for (int i = 0; i < overlays.length; i++) {
            RadioMenuItem r = new RadioMenuItem(overlays[i][0]);
            r.setAccelerator(KeyCombination.keyCombination(overlays[i][1]));
            StudioModel.MaskOverlay mode = StudioModel.MaskOverlay.values()[i];
            r.setToggleGroup(masks);
            r.setSelected(model.overlayProperty().get() == mode);
            r.setOnAction(e -> model.overlayProperty().set(mode));
            model.overlayProperty().addListener((o, a, now) -> r.setSelected(now == mode));
            view.getItems().add(r);
        }
        CheckMenuItem outlines = new CheckMenuItem("Face outlines");
        outlines.setAccelerator(KeyCombination.keyCombination("O"));
        outlines.setSelected(true);
        outlines.selectedProperty().addListener((o, a, on) -> photo.showOutlines(on));
        view.getItems().addAll(new SeparatorMenuItem(), outlines);
        getMenus().add(view);

        MenuItem shortcuts = item("Keyboard shortcuts", "F1", e -> window.showShortcuts());
        shortcuts.setId("help-shortcuts");
        MenuItem about = item("About GANimation Studio", null, e -> window.showAbout());
        about.setId("help-about");
        getMenus().add(new Menu("Help", null, shortcuts, about));
        refreshRecent(window);
    }

    /** Rebuilds Open Recent from the settings. */
    void refreshRecent(StudioWindow window) {
        recent.getItems().clear();
        for (Path p : model.settings().recentFiles()) {
            MenuItem m = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
            m.setMnemonicParsing(false);
            m.setOnAction(e -> window.open(p));
            recent.getItems().add(m);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private static MenuItem item(String label, String keys, EventHandler<ActionEvent> action) {
        MenuItem m = new MenuItem(label);
        if (keys != null) {
            m.setAccelerator(KeyCombination.keyCombination(keys));
        }
        m.setOnAction(action);
        return m;
    }
}
