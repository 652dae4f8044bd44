package org.ganimationstudio.studio;

import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.ganimationstudio.face.DetectedFace;
import org.ganimationstudio.face.FaceCrop;

/**
 * The photo, fitted to the space, with its faces outlined (click one to edit it), a box to draw when no
 * face was found, and the attention or colour mask laid over the edited face. Everything on top of the
 * photo lives in photo pixels inside {@link #overlay}, which one transform maps to the screen.
 */
final class PhotoView extends Pane {

    /** What lies over the edited face. */
    enum MaskOverlay { NONE, ATTENTION, COLOR }

    /** Receives a box the user drew, in photo pixels. */
    interface BoxListener {
        void drawn(double x, double y, double width, double height);
    }

    private static final Color CHOSEN = Color.web("#2f81f7");
    private static final Color OTHER = Color.web("#ffffffcc");

    private final ImageView image = new ImageView();
    private final Group overlay = new Group();
    private final Group outlines = new Group();
    private final ImageView mask = new ImageView();
    private final Rectangle drawing = new Rectangle();
    private final Scale scale = new Scale(1, 1);
    private final Translate offset = new Translate();
    private List<DetectedFace> faces = List.of();
    private FaceCrop maskCrop;
    private int chosen;
    private boolean drawMode;
    private Point2D drawStart;
    private IntConsumer onPick = i -> { };
    private BoxListener onBox = (x, y, w, h) -> { };

    PhotoView() {
        image.setId("preview");
        image.setSmooth(true);
        mask.setId("mask-overlay");
        mask.setOpacity(0.85);
        mask.setMouseTransparent(true);
        mask.setVisible(false);
        drawing.setFill(Color.web("#2f81f733"));
        drawing.setStroke(CHOSEN);
        drawing.getStrokeDashArray().setAll(6.0, 4.0);
        drawing.setVisible(false);
        drawing.setMouseTransparent(true);
        overlay.getChildren().addAll(mask, outlines, drawing);
        overlay.getTransforms().addAll(offset, scale);
        getChildren().addAll(image, overlay);
        setMinSize(100, 100);
        widthProperty().addListener((o, a, b) -> fit());
        heightProperty().addListener((o, a, b) -> fit());
        setOnMousePressed(e -> {
            if (drawMode && image.getImage() != null) {
                drawStart = toPhoto(e.getX(), e.getY());
                drawing.setVisible(true);
                updateDrawing(drawStart);
            }
        });
        setOnMouseDragged(e -> {
            if (drawStart != null) {
                updateDrawing(toPhoto(e.getX(), e.getY()));
            }
        });
        setOnMouseReleased(e -> {
            if (drawStart == null) {
                return;
            }
            drawStart = null;
            if (drawing.getWidth() >= 8 && drawing.getHeight() >= 8) {
                onBox.drawn(drawing.getX(), drawing.getY(), drawing.getWidth(), drawing.getHeight());
            }
            drawing.setVisible(false);
        });
    }

    ImageView imageView() {
        return image;
    }

    void setImage(Image photo) {
        boolean sizeChanged = image.getImage() == null || photo == null
                || image.getImage().getWidth() != photo.getWidth() || image.getImage().getHeight() != photo.getHeight();
        image.setImage(photo);
        if (sizeChanged) {
            fit();
        }
    }

    void onFacePicked(IntConsumer listener) {
        onPick = listener;
    }

    void onBoxDrawn(BoxListener listener) {
        onBox = listener;
    }

    /** Outlines {@code detected}, the {@code chosenIndex}-th as the one being edited. */
    void setFaces(List<DetectedFace> detected, int chosenIndex) {
        faces = List.copyOf(detected);
        chosen = chosenIndex;
        redrawOutlines();
    }

    /** While on, a drag on the photo draws a face box (for photos where none was found). */
    void setDrawMode(boolean on) {
        drawMode = on;
        setCursor(on ? Cursor.CROSSHAIR : Cursor.DEFAULT);
    }

    boolean drawMode() {
        return drawMode;
    }

    /** Lays {@code maskImage} (a square model-size mask) over the face crop it belongs to; null hides it. */
    void setMask(Image maskImage, FaceCrop crop) {
        mask.setImage(maskImage);
        maskCrop = crop;
        placeMask();
    }

    void showOutlines(boolean show) {
        outlines.setVisible(show);
    }

    Node maskNode() {
        return mask;
    }

    List<Node> outlineNodes() {
        return List.copyOf(outlines.getChildren());
    }

    private void redrawOutlines() {
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
                    if (!drawMode) {
                        onPick.accept(index);
                    }
                });
            } else {
                r.setMouseTransparent(true);
            }
            nodes.add(r);
        }
        outlines.getChildren().setAll(nodes);
        restroke();
    }

    private void placeMask() {
        mask.getTransforms().clear();
        boolean show = mask.getImage() != null && maskCrop != null;
        mask.setVisible(show);
        if (show) {
            AffineTransform t = maskCrop.cropToPhoto((int) mask.getImage().getWidth());
            mask.getTransforms().add(new Affine(t.getScaleX(), t.getShearX(), t.getTranslateX(),
                    t.getShearY(), t.getScaleY(), t.getTranslateY()));
        }
    }

    /** Fits the photo into the pane, centred, and moves the overlay with it. */
    private void fit() {
        Image img = image.getImage();
        if (img == null) {
            return;
        }
        double s = Math.min(getWidth() / img.getWidth(), getHeight() / img.getHeight());
        if (!(s > 0)) {
            return;
        }
        double w = img.getWidth() * s;
        double h = img.getHeight() * s;
        image.setFitWidth(w);
        image.setFitHeight(h);
        image.setLayoutX((getWidth() - w) / 2);
        image.setLayoutY((getHeight() - h) / 2);
        offset.setX(image.getLayoutX());
        offset.setY(image.getLayoutY());
        scale.setX(s);
        scale.setY(s);
        restroke();
    }

    /** Outlines stay 2 screen pixels wide whatever the zoom. */
    private void restroke() {
        double w = 2 / Math.max(scale.getX(), 1e-6);
        for (Node n : outlines.getChildren()) {
            ((Rectangle) n).setStrokeWidth(w);
        }
        drawing.setStrokeWidth(w);
    }

    private Point2D toPhoto(double x, double y) {
        Image img = image.getImage();
        double px = (x - offset.getX()) / scale.getX();
        double py = (y - offset.getY()) / scale.getY();
        return new Point2D(Math.max(0, Math.min(img.getWidth(), px)), Math.max(0, Math.min(img.getHeight(), py)));
    }

    private void updateDrawing(Point2D to) {
        drawing.setX(Math.min(drawStart.getX(), to.getX()));
        drawing.setY(Math.min(drawStart.getY(), to.getY()));
        drawing.setWidth(Math.abs(to.getX() - drawStart.getX()));
        drawing.setHeight(Math.abs(to.getY() - drawStart.getY()));
    }
}
