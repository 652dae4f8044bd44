package org.ganimationstudio.studio;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import org.ganimationstudio.model.EmotionPreset;
import org.ganimationstudio.model.EmotionPresets;

/**
 * Presets with their live intensity, reset, neutralise, read from photo, and the view's controls (before,
 * split, fit, 100%). Bound to the {@link StudioModel}.
 */
final class StudioToolbar extends FlowPane {

    StudioToolbar(StudioModel model, PhotoView photo) {
        super(6, 6);
        setPadding(new Insets(6, 10, 6, 10));
        getChildren().add(new Label("Presets"));
        for (EmotionPreset p : EmotionPresets.standard().all()) {
            if (p.id().equals("neutral")) {
                continue;
            }
            Button b = new Button(p.label());
            b.setId("preset-" + p.id());
            b.setTooltip(new Tooltip("FACS " + p.facs() + "; the intensity slider then moves it live"));
            b.setOnAction(e -> model.applyPreset(p));
            getChildren().add(b);
        }
        Slider intensity = new Slider(0, 1, 1);
        intensity.setId("preset-intensity");
        intensity.setPrefWidth(110);
        intensity.valueProperty().bindBidirectional(model.intensityProperty());
        intensity.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                model.commit();
            }
        });
        intensity.setOnMouseReleased(e -> model.commit());
        SliderKeys.install(intensity, model::commit);
        intensity.setTooltip(new Tooltip("How far a preset or a copied expression goes: 0 leaves the face as photographed, "
                + "1 is the preset. Moving it moves the last preset live."));
        Label value = new Label();
        value.setId("preset-intensity-value");
        value.setMinWidth(34);
        value.textProperty().bind(model.intensityProperty().asString(java.util.Locale.ROOT, "%.2f"));
        getChildren().addAll(new Label("intensity"), intensity, value, new Separator(javafx.geometry.Orientation.VERTICAL));

        Button reset = new Button("Reset face");
        reset.setId("reset-face");
        reset.setTooltip(new Tooltip("The selected face back to how it was photographed (Ctrl+R)"));
        reset.setOnAction(e -> model.resetFace());
        Button neutral = new Button("Neutralise");
        neutral.setId("neutralise");
        neutral.setTooltip(new Tooltip("All AUs of the selected face to 0"));
        neutral.setOnAction(e -> model.neutralise());
        Button read = new Button("Read from photo");
        read.setId("read-from-photo");
        read.setTooltip(new Tooltip("Set the sliders to the face's own expression (AU estimator)"));
        read.setOnAction(e -> model.readFromPhoto());
        getChildren().addAll(reset, neutral, read);

        ToggleButton before = new ToggleButton("Before");
        before.setId("before-after");
        before.setTooltip(new Tooltip("Show the photo as it was (B); hold \\ to compare for a moment"));
        before.selectedProperty().bindBidirectional(model.compareProperty());
        ToggleButton split = new ToggleButton("Split");
        split.setId("split-view");
        split.setTooltip(new Tooltip("Before left of a divider you can drag, the edit right of it (V)"));
        split.setSelected(model.viewModeProperty().get() == StudioModel.ViewMode.SPLIT);
        split.selectedProperty().addListener((o, a, on) ->
                model.viewModeProperty().set(on ? StudioModel.ViewMode.SPLIT : StudioModel.ViewMode.EDITED));
        model.viewModeProperty().addListener((o, a, mode) -> split.setSelected(mode == StudioModel.ViewMode.SPLIT));
        Button fit = new Button("Fit");
        fit.setId("zoom-fit");
        fit.setTooltip(new Tooltip("Fit the photo to the window (Ctrl+0); the wheel zooms, a drag pans"));
        fit.setOnAction(e -> photo.fit());
        Button actual = new Button("100%");
        actual.setId("zoom-100");
        actual.setTooltip(new Tooltip("One photo pixel per screen pixel (Ctrl+1)"));
        actual.setOnAction(e -> photo.actualSize());
        getChildren().addAll(before, split, fit, actual);
    }
}
