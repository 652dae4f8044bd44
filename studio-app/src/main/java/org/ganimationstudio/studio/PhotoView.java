package org.ganimationstudio.studio;

import java.awt.geom.AffineTransform;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.ganimationstudio.face.FaceCrop;

/**
 * The photo, bound to the {@link StudioModel}: fitted to the space or zoomed (the wheel, around the pointer) and
 * panned (a drag), with its faces outlined (click one to edit it), a box to draw when no face was found, the mask
 * over the edited face, and the split view (the photo as it was left of a draggable divider, the edit right of
 * it). Everything on top of the photo lives in photo pixels inside {@link #overlay}, which one transform maps
 * to the screen.
 */
final class PhotoView extends Pane {

    private static final Color CHOSEN = FaceOutlines.CHOSEN;
    static final double MIN_ZOOM = 0.05;
    static final double MAX_ZOOM = 16;

    private final StudioModel model;
    private final ImageView image = new ImageView();
    private final ImageView before = new ImageView();
    private final Rectangle beforeClip = new Rectangle();
    private final Rectangle afterClip = new Rectangle();
    private final Region divider = new Region();
    private final Group overlay = new Group();
    private final FaceOutlines outlines;
    private final ImageView mask = new ImageView();
    private final Rectangle drawing = new Rectangle();
    private final Scale scale = new Scale(1, 1);
    private final Translate offset = new Translate();
    private boolean fitted = true;
    private Point2D drawStart;
    private Point2D panFrom;

    PhotoView(StudioModel model) {
        this.model = model;
        this.outlines = new FaceOutlines(model);
        image.setId("preview");
        before.setId("preview-before");
        divider.setId("split-divider");
        for (ImageView v : List.of(image, before)) {
            v.setSmooth(true);
            v.setMouseTransparent(true);
        }
        before.setClip(beforeClip);
        divider.setStyle("-fx-background-color: white; -fx-border-color: #2f81f7; -fx-border-width: 0 1 0 1;");
        divider.setPrefWidth(4);
        divider.setCursor(Cursor.H_RESIZE);
        mask.setId("mask-overlay");
        mask.setOpacity(0.85);
        mask.setMouseTransparent(true);
        drawing.setFill(Color.web("#2f81f733"));
        drawing.setStroke(CHOSEN);
        drawing.getStrokeDashArray().setAll(6.0, 4.0);
        drawing.setVisible(false);
        drawing.setMouseTransparent(true);
        overlay.getChildren().addAll(mask, outlines, drawing);
        overlay.getTransforms().addAll(offset, scale);
        getChildren().addAll(image, before, overlay, divider);
        setMinSize(100, 100);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip); // a zoomed photo stays inside its space
        widthProperty().addListener((o, a, b) -> relayout());
        heightProperty().addListener((o, a, b) -> relayout());
        bind();
        installMouse();
    }

    private void bind() {
        model.editedProperty().addListener((o, a, b) -> showImage());
        model.originalProperty().addListener((o, a, b) -> showImage());
        model.compareProperty().addListener((o, a, b) -> showImage());
        model.viewModeProperty().addListener((o, a, b) -> placeSplit());
        model.splitProperty().addListener((o, a, b) -> placeSplit());
        model.editProperty().addListener((o, a, b) -> showFaces());
        model.selectedProperty().addListener((o, a, b) -> showFaces());
        model.maskProperty().addListener((o, a, b) -> placeMask());
        model.maskCropProperty().addListener((o, a, b) -> placeMask());
        model.drawModeProperty().addListener((o, a, on) -> setCursor(on ? Cursor.CROSSHAIR : Cursor.DEFAULT));
        showImage();
        placeMask();
    }

    private void installMouse() {
        setOnMousePressed(e -> {
            if (image.getImage() == null) {
                return;
            }
            if (model.drawModeProperty().get()) {
                drawStart = toPhoto(e.getX(), e.getY());
                drawing.setVisible(true);
                updateDrawing(drawStart);
            } else {
                panFrom = new Point2D(e.getX(), e.getY());
            }
        });
        setOnMouseDragged(e -> {
            if (drawStart != null) {
                updateDrawing(toPhoto(e.getX(), e.getY()));
            } else if (panFrom != null) {
                panBy(e.getX() - panFrom.getX(), e.getY() - panFrom.getY());
                panFrom = new Point2D(e.getX(), e.getY());
            }
        });
        setOnMouseReleased(e -> {
            panFrom = null;
            if (drawStart == null) {
                return;
            }
            drawStart = null;
            if (drawing.getWidth() >= 8 && drawing.getHeight() >= 8) {
                model.faceDrawn(drawing.getX(), drawing.getY(), drawing.getWidth(), drawing.getHeight());
            }
            drawing.setVisible(false);
        });
        setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                zoomAt(zoom() * Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
                e.consume();
            }
        });
        divider.setOnMouseDragged(e -> {
            Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
            model.splitProperty().set(Math.max(0, Math.min(1, p.getX() / getWidth())));
            e.consume();
        });
        divider.setOnMousePressed(javafx.event.Event::consume);
    }

    ImageView imageView() {
        return image;
    }

    ImageView beforeView() {
        return before;
    }

    Region divider() {
        return divider;
    }

    /** Screen pixels per photo pixel of the shown image. */
    double zoom() {
        return scale.getX();
    }

    /** Fits the whole photo into the space (Ctrl+0); it stays fitted as the window resizes. */
    void fit() {
        fitted = true;
        relayout();
    }

    /** One photo pixel per screen pixel (Ctrl+1), centred. */
    void actualSize() {
        zoomAt(1, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms to {@code zoom}, keeping the photo point under ({@code x}, {@code y}) where it is. */
    void zoomAt(double zoom, double x, double y) {
        Image img = image.getImage();
        if (img == null) {
            return;
        }
        double z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
        double px = (x - offset.getX()) / scale.getX();
        double py = (y - offset.getY()) / scale.getY();
        fitted = false;
        place(z, x - px * z, y - py * z);
    }

    void panBy(double dx, double dy) {
        if (image.getImage() != null && (dx != 0 || dy != 0)) {
            fitted = false;
            place(scale.getX(), offset.getX() + dx, offset.getY() + dy);
        }
    }

    private void showImage() {
        Image shown = model.compareProperty().get() ? model.originalProperty().get() : model.editedProperty().get();
        boolean sizeChanged = image.getImage() == null || shown == null
                || image.getImage().getWidth() != shown.getWidth() || image.getImage().getHeight() != shown.getHeight();
        image.setImage(shown);
        before.setImage(model.originalProperty().get());
        if (sizeChanged) {
            fitted = true;
        }
        relayout();
    }

    private void relayout() {
        Image img = image.getImage();
        if (img == null) {
            placeSplit();
            return;
        }
        if (fitted) {
            double s = Math.min(getWidth() / img.getWidth(), getHeight() / img.getHeight());
            if (!(s > 0)) {
                return;
            }
            place(s, (getWidth() - img.getWidth() * s) / 2, (getHeight() - img.getHeight() * s) / 2);
        } else {
            place(scale.getX(), offset.getX(), offset.getY());
        }
    }

    /** Shows the photo at {@code s} screen pixels per photo pixel with its corner at ({@code x}, {@code y}). */
    private void place(double s, double x, double y) {
        Image img = image.getImage();
        for (ImageView v : List.of(image, before)) {
            v.setFitWidth(img.getWidth() * s);
            v.setFitHeight(img.getHeight() * s);
            v.setLayoutX(x);
            v.setLayoutY(y);
        }
        offset.setX(x);
        offset.setY(y);
        scale.setX(s);
        scale.setY(s);
        restroke();
        placeSplit();
    }

    private void placeSplit() {
        boolean on = model.viewModeProperty().get() == StudioModel.ViewMode.SPLIT && image.getImage() != null;
        before.setVisible(on);
        divider.setVisible(on);
        double x = model.splitProperty().get() * getWidth();
        divider.resizeRelocate(x - 2, 0, 4, getHeight());
        double cut = Math.max(0, x - offset.getX());
        beforeClip.setWidth(cut);
        beforeClip.setHeight(Math.max(0, before.getFitHeight()));
        // each side shows one image alone, so no edge of the edit blends into the side of the photo as it was
        afterClip.setX(cut);
        afterClip.setWidth(Math.max(0, image.getFitWidth() - cut));
        afterClip.setHeight(Math.max(0, image.getFitHeight()));
        image.setClip(on ? afterClip : null);
    }

    @Override
    protected void layoutChildren() {
        // children are placed by hand: the photo by the zoom, the divider by the split
        placeSplit();
    }

    private void showFaces() {
        var e = model.editProperty().get();
        outlines.show(e == null ? List.of() : e.faces().faces(), Math.max(0, model.selectedProperty().get()));
        restroke();
    }

    void showOutlines(boolean show) {
        outlines.setVisible(show);
    }

    List<Node> outlineNodes() {
        return List.copyOf(outlines.getChildren());
    }

    private void placeMask() {
        Image m = model.maskProperty().get();
        FaceCrop crop = model.maskCropProperty().get();
        mask.setImage(m);
        mask.getTransforms().clear();
        boolean show = m != null && crop != null;
        mask.setVisible(show);
        if (show) {
            AffineTransform t = crop.cropToPhoto((int) m.getWidth());
            mask.getTransforms().add(new Affine(t.getScaleX(), t.getShearX(), t.getTranslateX(),
                    t.getShearY(), t.getScaleY(), t.getTranslateY()));
        }
    }

    /** Outlines stay 2 screen pixels wide whatever the zoom. */
    private void restroke() {
        double w = 2 / Math.max(scale.getX(), 1e-6);
        outlines.setStrokeWidth(w);
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
