package org.ganimationstudio.studio;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Rotate;
import org.ganimationstudio.face.DetectedFace;

/** The faces' outlines in photo pixels, the selected one blue; a click on another selects it in the {@link StudioModel}. */
final class FaceOutlines extends Group {

    static final Color CHOSEN = Color.web("#2f81f7");
    private static final Color OTHER = Color.web("#ffffffcc");

    private final StudioModel model;

    FaceOutlines(StudioModel model) {
        this.model = model;
    }

    /** Outlines {@code faces}, the {@code chosen}-th as the one being edited. */
    void show(List<DetectedFace> faces, int chosen) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace f = faces.get(i);
            Rectangle r = new Rectangle(f.x(), f.y(), f.size(), f.size());
            r.setId("face-" + (i + 1));
            r.setFill(Color.TRANSPARENT); // still picks clicks inside the box
            r.setStroke(i == chosen ? CHOSEN : OTHER);
            r.getTransforms().add(new Rotate(f.rollDegrees(), f.centerX(), f.centerY()));
            r.setArcWidth(f.size() * 0.08);
            r.setArcHeight(f.size() * 0.08);
            int index = i;
            if (faces.size() > 1) {
                Tooltip.install(r, new Tooltip(i == chosen ? "Face " + (i + 1) + " (editing)" : "Click to edit face " + (i + 1)));
                r.setCursor(Cursor.HAND);
                r.setOnMouseClicked(e -> {
                    // a click, not the end of a pan
                    if (!model.drawModeProperty().get() && e.isStillSincePress()) {
                        model.selectFace(index);
                    }
                });
            } else {
                r.setMouseTransparent(true);
            }
            nodes.add(r);
        }
        getChildren().setAll(nodes);
    }

    /** Outline width in photo pixels (the view keeps it 2 screen pixels wide at any zoom). */
    void setStrokeWidth(double width) {
        for (Node n : getChildren()) {
            ((Rectangle) n).setStrokeWidth(width);
        }
    }
}
