package org.ganimationstudio.studio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.ganimationstudio.model.ActionUnit;
import org.ganimationstudio.model.ActionUnits;
import org.ganimationstudio.model.AuVector;

/**
 * The 17 AU sliders of the selected face, grouped as in {@code action-units.json}. Each shows its value in a field
 * that takes a typed value, a mark where the face was as photographed, and a tooltip with the AU's FACS name and
 * what its muscle does. Bound to the {@link StudioModel}: the sliders follow the selected face, and a move edits it.
 */
final class SliderPanel extends ScrollPane {

    /** The slider thumb's half width in the default skins: the track's ends are this far in. */
    private static final double THUMB = 7;

    private final StudioModel model;
    private final Map<String, Slider> sliders = new LinkedHashMap<>();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Region> marks = new LinkedHashMap<>();
    private boolean updating;

    SliderPanel(StudioModel model) {
        this.model = model;
        ActionUnits units = ActionUnits.standard();
        Map<String, GridPane> groups = new LinkedHashMap<>();
        for (ActionUnit au : units.all()) {
            GridPane grid = groups.computeIfAbsent(au.group(), g -> {
                GridPane p = new GridPane();
                p.setHgap(8);
                p.setVgap(2);
                return p;
            });
            int row = grid.getRowCount();
            grid.add(name(au), 0, row);
            grid.add(row(au), 0, row + 1);
        }
        VBox box = new VBox(6);
        box.setPadding(new Insets(8));
        groups.forEach((g, grid) -> box.getChildren().add(new TitledPane(units.groupLabel(g), grid)));
        setContent(box);
        setFitToWidth(true);
        setPrefWidth(320);
        model.ausProperty().addListener((o, a, aus) -> show(aus));
        model.ownProperty().addListener((o, a, own) -> placeMarks());
    }

    Slider slider(String code) {
        return sliders.get(code);
    }

    TextField field(String code) {
        return fields.get(code);
    }

    /** The "as photographed" mark under a slider. */
    Region mark(String code) {
        return marks.get(code);
    }

    private static Label name(ActionUnit au) {
        Label name = new Label(au.code() + "  " + au.name());
        name.setTooltip(tooltip(au));
        return name;
    }

    static Tooltip tooltip(ActionUnit au) {
        Tooltip tip = new Tooltip(au.code() + " " + au.name() + " (FACS)\n" + au.muscle()
                + "\nThe mark under the slider is the face as photographed.");
        tip.setWrapText(true);
        tip.setMaxWidth(340);
        return tip;
    }

    private HBox row(ActionUnit au) {
        String code = au.code();
        Slider slider = new Slider(0, 1, 0);
        slider.setPrefWidth(190);
        slider.setId("slider-" + code);
        slider.setTooltip(tooltip(au));
        Region mark = new Region();
        mark.setId("own-" + code);
        mark.setStyle("-fx-background-color: #d1242f;");
        mark.setMaxSize(2, 6);
        mark.setMinSize(2, 6);
        mark.setManaged(false);
        mark.setVisible(false);
        Pane marksLayer = new Pane(mark);
        marksLayer.setMouseTransparent(true);
        StackPane track = new StackPane(slider, marksLayer);
        slider.widthProperty().addListener((o, a, b) -> placeMark(code));
        TextField field = new TextField("0.00");
        field.setId("value-" + code);
        field.setPrefColumnCount(3);
        field.setTooltip(new Tooltip("Type a value from 0 to 1 and press Enter"));
        field.setOnAction(e -> typed(code));
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                typed(code);
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.setText(format(slider.getValue()));
            }
            if (!e.isShortcutDown() && (e.getCode().isDigitKey() || e.getCode().isLetterKey() || e.getCode() == KeyCode.PERIOD
                    || e.getCode() == KeyCode.COMMA || e.getCode() == KeyCode.BACK_SLASH)) {
                e.consume(); // typing a value: the window's one-key shortcuts (1, 2, B, V…) stay out of it
            }
        });
        slider.valueProperty().addListener((obs, old, v) -> {
            field.setText(format(v.doubleValue()));
            if (!updating) {
                // a drag shows drafts until the release commits; a click or a key is one settled step
                model.setAu(code, v.doubleValue(), slider.isValueChanging() || slider.isPressed());
            }
        });
        slider.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                model.commit();
            }
        });
        slider.setOnMouseReleased(e -> model.commit());
        SliderKeys.install(slider, model::commit);
        sliders.put(code, slider);
        fields.put(code, field);
        marks.put(code, mark);
        return new HBox(6, track, field);
    }

    /** A typed value: clamped to [0, 1] and rounded to 0.01; anything that is not a number puts the value back. */
    private void typed(String code) {
        TextField field = fields.get(code);
        Slider slider = sliders.get(code);
        try {
            double v = Double.parseDouble(field.getText().trim().replace(',', '.'));
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            v = Math.max(0, Math.min(1, Math.round(v * 100) / 100.0));
            slider.setValue(v);
            model.commit();
        } catch (NumberFormatException e) {
            // not a number: nothing changes
        }
        field.setText(format(slider.getValue()));
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private void show(AuVector aus) {
        updating = true;
        try {
            // a slider keeps its own double when the face holds the same value as a float (0.51 stays 0.51)
            sliders.forEach((code, s) -> {
                if (Math.abs(s.getValue() - aus.get(code)) > 1e-6) {
                    s.setValue(aus.get(code));
                }
            });
        } finally {
            updating = false;
        }
    }

    private void placeMarks() {
        marks.keySet().forEach(this::placeMark);
    }

    private void placeMark(String code) {
        AuVector own = model.ownProperty().get();
        Region mark = marks.get(code);
        mark.setVisible(own != null);
        if (own != null) {
            Slider s = sliders.get(code);
            double x = THUMB + own.get(code) * Math.max(0, s.getWidth() - 2 * THUMB);
            mark.resizeRelocate(x - 1, Math.max(0, s.getHeight() - 6), 2, 6);
            mark.setUserData(own.get(code));
            mark.setAccessibleText("As photographed: " + format(own.get(code)));
        }
    }
}
