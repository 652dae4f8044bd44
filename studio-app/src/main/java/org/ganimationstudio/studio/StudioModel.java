package org.ganimationstudio.studio;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.ganimationstudio.face.FaceCrop;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.EmotionPreset;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.PhotoEdit;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.PlainMessage;
import org.ganimationstudio.service.RenderQuality;
import org.ganimationstudio.service.studio.Studio;
import org.ganimationstudio.service.studio.StudioSettings;

/**
 * The studio's state and commands, for the views to bind to: the open photo, every face's edit, the selected
 * face, what the photo view shows and the long job in progress. No controls and no rendering here: renders
 * and jobs go to the {@link Studio}'s workers and come back as images on the FX thread. Every method is called
 * on the FX thread.
 */
final class StudioModel {

    static final String APP_NAME = "GANimation Studio";

    /** What lies over the edited face. */
    enum MaskOverlay { NONE, ATTENTION, COLOR }

    /** How the photo view shows the edit: alone, or beside the photo with a divider. */
    enum ViewMode { EDITED, SPLIT }

    /** A finished preview, its images made off the FX thread. */
    private record Preview(PhotoEdit edit, Image photo, Image attention, Image color, FaceCrop crop) {
    }

    private final StudioWindow.StudioOpener opener;
    private final StudioSettings settings;
    // model loads run here, never on the common pool
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-model-load");
        t.setDaemon(true);
        return t;
    });
    private Studio studio;
    private BiConsumer<String, String> errors = (title, message) -> { };

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Drop a photo here, or File ▸ Open (Ctrl+O).");
    private final ReadOnlyObjectWrapper<PhotoFaces> full = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PhotoEdit> edit = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<AuVector> aus = new ReadOnlyObjectWrapper<>(AuVector.zero());
    private final ReadOnlyObjectWrapper<AuVector> own = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Image> original = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Image> edited = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Image> mask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FaceCrop> maskCrop = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper photoName = new ReadOnlyStringWrapper();
    /** The window's title: the open photo's name, marked while it has edits not yet exported. */
    private final StringBinding title = Bindings.createStringBinding(() -> photoName.get() == null ? APP_NAME
            : (unsaved.get() ? "*" : "") + photoName.get() + " — " + APP_NAME, photoName, unsaved);
    private final ReadOnlyBooleanWrapper drawMode = new ReadOnlyBooleanWrapper();
    private final BooleanProperty compare = new SimpleBooleanProperty();
    private final ObjectProperty<ViewMode> viewMode = new SimpleObjectProperty<>(ViewMode.EDITED);
    private final DoubleProperty split = new SimpleDoubleProperty(0.5);
    private final ObjectProperty<MaskOverlay> overlay = new SimpleObjectProperty<>(MaskOverlay.NONE);
    private final DoubleProperty intensity = new SimpleDoubleProperty(1);
    private final ReadOnlyDoubleWrapper jobProgress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper jobText = new ReadOnlyStringWrapper("");
    private Preview last;
    private AtomicBoolean jobCancel;
    /** The preset the intensity slider moves live, until anything else changes the face. */
    private EmotionPreset livePreset;
    private boolean presetMoving;
    /** Each face's intensity: the intensity slider shows the selected face's. */
    private double[] intensities = new double[0];

    StudioModel(StudioWindow.StudioOpener opener, StudioSettings settings, Studio studio) {
        this.opener = opener;
        this.settings = settings;
        this.studio = studio;
        overlay.addListener((o, a, b) -> showMask());
        intensity.addListener((o, a, b) -> presetIntensityMoved());
    }

    // ------------------------------------------------------------------ state

    ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    ReadOnlyObjectProperty<PhotoEdit> editProperty() { return edit.getReadOnlyProperty(); }
    ReadOnlyIntegerProperty selectedProperty() { return selected.getReadOnlyProperty(); }
    /** The selected face's AUs as shown (a drag included). */
    ReadOnlyObjectProperty<AuVector> ausProperty() { return aus.getReadOnlyProperty(); }
    /** The selected face's own AUs, as photographed (null when nothing is open). */
    ReadOnlyObjectProperty<AuVector> ownProperty() { return own.getReadOnlyProperty(); }
    ReadOnlyObjectProperty<Image> originalProperty() { return original.getReadOnlyProperty(); }
    ReadOnlyObjectProperty<Image> editedProperty() { return edited.getReadOnlyProperty(); }
    ReadOnlyObjectProperty<Image> maskProperty() { return mask.getReadOnlyProperty(); }
    ReadOnlyObjectProperty<FaceCrop> maskCropProperty() { return maskCrop.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty unsavedProperty() { return unsaved.getReadOnlyProperty(); }
    StringExpression titleProperty() { return title; }
    ReadOnlyBooleanProperty drawModeProperty() { return drawMode.getReadOnlyProperty(); }
    /** Whether the photo view shows the photo as it was (hold-to-compare, Before). */
    BooleanProperty compareProperty() { return compare; }
    ObjectProperty<ViewMode> viewModeProperty() { return viewMode; }
    /** The split view's divider, 0 (left edge) to 1. */
    DoubleProperty splitProperty() { return split; }
    ObjectProperty<MaskOverlay> overlayProperty() { return overlay; }
    /** How far presets and copied expressions go: 0 leaves the face as photographed. */
    DoubleProperty intensityProperty() { return intensity; }
    /** The long job's progress, 0 to 1, or -1 when none runs. */
    ReadOnlyDoubleProperty jobProgressProperty() { return jobProgress.getReadOnlyProperty(); }
    ReadOnlyStringProperty jobTextProperty() { return jobText.getReadOnlyProperty(); }

    Studio studio() { return studio; }
    PhotoEdit edit() { return edit.get(); }
    PhotoFaces full() { return full.get(); }
    StudioSettings settings() { return settings; }

    /** A line for the status bar. */
    void say(String text) {
        status.set(text);
    }

    /** Where failures the user must see go (the window shows them as alerts). */
    void onError(BiConsumer<String, String> shown) {
        errors = Objects.requireNonNull(shown);
    }

    private void fail(String title, Throwable error) {
        String message = PlainMessage.of(error);
        status.set(title + ": " + message);
        errors.accept(title, message);
    }

    // ------------------------------------------------------------------ photos and faces

    /**
     * Opens a photo in the background: untouched, every face at its own reading, the largest face selected. The
     * future completes once it is shown (waiting for a face box when no face was found).
     */
    CompletableFuture<Void> open(Path file) {
        status.set("Opening " + file.getFileName() + "…");
        cancelJob();
        studio.cancelRenders();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        int maxSide = settings.previewQuality().maxSide();
        Studio s = studio;
        s.openPhoto(file).thenApply(faces -> new Object[] {faces, faces.isEmpty() ? null : s.photoEdit(faces, maxSide),
                        SwingFXUtils.toFXImage(faces.photo().scaledTo(maxSide).image(), null)})
                .whenComplete((opened, error) -> Platform.runLater(() -> {
                    if (error != null) {
                        fail("Cannot open " + file.getFileName(), error);
                        shown.completeExceptionally(error);
                        return;
                    }
                    settings.addRecent(file);
                    photoName.set(String.valueOf(file.getFileName()));
                    PhotoFaces faces = (PhotoFaces) opened[0];
                    show(faces, (PhotoEdit) opened[1], (Image) opened[2]);
                    status.set(faces.isEmpty() ? "No face found in " + file.getFileName() + ": drag a box around the face to edit it."
                            : file.getFileName() + ": " + faces.count() + (faces.count() == 1 ? " face" : " faces; click one to edit it")
                            + (edit().faces().photo().width() < faces.photo().width()
                            ? "  (preview at " + edit().faces().photo().width() + "×" + edit().faces().photo().height() + ")" : ""));
                    shown.complete(null);
                }));
        return shown;
    }

    /** Shows {@code photoEdit} (null: a photo without faces) as the photo opens: untouched, the largest face selected. */
    private void show(PhotoFaces faces, PhotoEdit photoEdit, Image photo) {
        full.set(faces);
        last = null;
        livePreset = null;
        compare.set(false);
        original.set(photo);
        edited.set(photo);
        drawMode.set(photoEdit == null);
        edit.set(photoEdit);
        if (photoEdit != null) {
            photoEdit.onChange((face, targets, quality) -> changed(photoEdit, quality));
        }
        intensities = new double[photoEdit == null ? 0 : photoEdit.count()];
        java.util.Arrays.fill(intensities, 1);
        selected.set(photoEdit == null ? -1 : 0);
        intensity.set(1);
        syncFace();
        if (photoEdit != null && !photoEdit.targets().equals(ownAll(photoEdit))) {
            render(photoEdit, RenderQuality.FINAL);
        }
    }

    private static List<AuVector> ownAll(PhotoEdit e) {
        return java.util.stream.IntStream.range(0, e.count()).mapToObj(e::own).toList();
    }

    /** Edits face {@code index} (0 = the largest) from now on; every face keeps its own edit. */
    void selectFace(int index) {
        PhotoEdit e = edit();
        if (e == null || index == e.selected()) {
            return;
        }
        e.select(index);
        livePreset = null;
        selected.set(index);
        intensity.set(intensities[index]);
        syncFace();
        showMask();
        status.set("Editing face " + (index + 1) + " of " + e.count());
    }

    /** A box drawn on the shown photo (its pixels): that region becomes the one face to edit. */
    void faceDrawn(double x, double y, double w, double h) {
        PhotoFaces photo = full();
        if (photo == null || original.get() == null) {
            return;
        }
        double k = photo.photo().width() / original.get().getWidth();
        int bx = (int) Math.round(x * k);
        int by = (int) Math.round(y * k);
        PhotoFaces drawn;
        try {
            drawn = PhotoFaces.withBox(photo.photo(), bx, by, Math.min((int) Math.round(w * k), photo.photo().width() - bx),
                    Math.min((int) Math.round(h * k), photo.photo().height() - by));
        } catch (IllegalArgumentException e) {
            fail("Cannot use that box", e);
            return;
        }
        full.set(drawn);
        int maxSide = settings.previewQuality().maxSide();
        Studio s = studio;
        s.readOwn(drawn).thenApply(f -> s.photoEdit(f, maxSide)).whenComplete((e, error) -> Platform.runLater(() -> {
            if (error != null) {
                fail("Cannot read the face in that box", error);
            } else if (full() == drawn) {
                show(drawn, e, original.get());
                status.set("Editing the face in the box you drew");
            }
        }));
    }

    void startDrawing() {
        if (full() != null) {
            drawMode.set(true);
            status.set("Drag a box around the face to edit");
        }
    }

    // ------------------------------------------------------------------ edits of the selected face

    /** One AU of the selected face: a drag shows drafts until {@link #commit}; otherwise one undoable step. */
    void setAu(String code, double value, boolean dragging) {
        PhotoEdit e = edit();
        if (e == null) {
            aus.set(aus.get().with(code, (float) value)); // no photo: the values a batch renders with
            return;
        }
        if (e.current().shown().get(code) == (float) value) {
            return;
        }
        livePreset = null;
        AuVector next = e.current().shown().with(code, (float) value);
        if (dragging) {
            e.current().preview(next);
        } else {
            e.current().set(next);
        }
    }

    /** Records a drag (of a slider or the intensity) as one undoable step. */
    void commit() {
        if (edit() != null) {
            edit().current().commit();
        }
    }

    /** A whole new expression for the selected face, as one step. */
    void apply(AuVector target) {
        if (edit() != null) {
            livePreset = null;
            edit().current().set(target);
        }
    }

    /** From the face as photographed (intensity 0) to {@code preset} (1); the intensity then moves it live. */
    void applyPreset(EmotionPreset preset) {
        if (edit() != null) {
            apply(towardOwn(preset));
            livePreset = preset;
        }
    }

    private AuVector towardOwn(EmotionPreset preset) {
        return FaceExpression.toward(preset, clampedIntensity()).target(own.get());
    }

    private double clampedIntensity() {
        return Math.max(0, Math.min(1, intensity.get()));
    }

    private void presetIntensityMoved() {
        PhotoEdit e = edit();
        if (e != null && e.selected() < intensities.length) {
            intensities[e.selected()] = intensity.get();
        }
        if (livePreset != null && edit() != null) {
            presetMoving = true;
            try {
                edit().current().preview(towardOwn(livePreset));
            } finally {
                presetMoving = false;
            }
        }
    }

    void neutralise() {
        apply(AuVector.zero());
    }

    /** The selected face back to how it was photographed. */
    void resetFace() {
        if (own.get() != null) {
            apply(own.get());
        }
    }

    void undo() {
        if (edit() != null) {
            livePreset = null;
            edit().current().undo();
        }
    }

    void redo() {
        if (edit() != null) {
            livePreset = null;
            edit().current().redo();
        }
    }

    /** Sets the selected face to the AU estimator's reading of it. */
    void readFromPhoto() {
        PhotoEdit e = edit();
        if (e == null) {
            return;
        }
        status.set("Reading the face's AUs…");
        studio.readAus(e).whenComplete((read, error) -> Platform.runLater(() -> {
            if (error != null) {
                fail("Cannot read the expression", error);
            } else if (e == edit()) {
                apply(read);
                status.set("Sliders set to the face's own expression");
            }
        }));
    }

    /**
     * Reads the expression of another photo's largest face and applies it to the selected face, at the intensity
     * (0 keeps the face as photographed, 1 copies the expression).
     */
    CompletableFuture<AuVector> copyExpressionFrom(Path photo) {
        PhotoEdit e = edit();
        if (e == null) {
            IllegalStateException none = new IllegalStateException("open a photo with a face first, then copy an expression onto it");
            fail("Nothing to copy onto", none);
            return CompletableFuture.failedFuture(none);
        }
        status.set("Reading the expression of " + photo.getFileName() + "…");
        CompletableFuture<AuVector> done = new CompletableFuture<>();
        studio.expressionOf(photo).whenComplete((source, error) -> Platform.runLater(() -> {
            if (error != null) {
                fail("Cannot copy the expression of " + photo.getFileName(), error);
                done.completeExceptionally(error);
                return;
            }
            if (e == edit()) {
                apply(FaceExpression.toward(source, clampedIntensity()).target(own.get()));
                status.set("Expression of " + photo.getFileName() + " applied to face " + (e.selected() + 1)
                        + String.format(Locale.ROOT, " at %.0f%%", intensity.get() * 100));
            }
            done.complete(source);
        }));
        return done;
    }

    /** The selected face's AUs changed, or another face's (an undo): sliders follow, the photo re-renders. */
    private void changed(PhotoEdit e, RenderQuality quality) {
        if (e != edit()) {
            return;
        }
        if (!presetMoving && quality == RenderQuality.FINAL && livePreset != null
                && !e.current().shown().equals(towardOwn(livePreset))) {
            livePreset = null;
        }
        aus.set(e.current().shown());
        unsaved.set(e.hasUnsavedChanges());
        render(e, quality);
    }

    private void syncFace() {
        PhotoEdit e = edit();
        own.set(e == null ? null : e.own(e.selected()));
        if (e != null) {
            aus.set(e.current().shown());
        }
        unsaved.set(e != null && e.hasUnsavedChanges());
    }

    private void render(PhotoEdit e, RenderQuality quality) {
        RenderQuality asked = settings.quickDrafts() ? quality : RenderQuality.FINAL;
        studio.render(e, asked, r -> {
            Preview p = preview(e, r);
            Platform.runLater(() -> {
                if (e == edit()) {
                    last = p;
                    edited.set(p.photo());
                    showMask();
                }
            });
        }, error -> Platform.runLater(() -> status.set("Render failed: " + PlainMessage.of(error))));
    }

    /** Image conversions on the render thread, so the FX thread only swaps images. */
    private static Preview preview(PhotoEdit e, EditedPhoto r) {
        int face = e.selected();
        Rendering f = r.faces().get(face);
        return new Preview(e, SwingFXUtils.toFXImage(r.photo().image(), null), fx(f.attention().toBufferedImage()),
                fx(f.color().toBufferedImage()), e.faces().crops().get(face));
    }

    private static Image fx(BufferedImage image) {
        return SwingFXUtils.toFXImage(image, null);
    }

    private void showMask() {
        Preview p = last;
        MaskOverlay mode = overlay.get();
        boolean show = p != null && p.edit() == edit() && mode != MaskOverlay.NONE
                && p.crop() == edit().faces().crops().get(edit().selected());
        mask.set(!show ? null : mode == MaskOverlay.ATTENTION ? p.attention() : p.color());
        maskCrop.set(show ? p.crop() : null);
    }

    // ------------------------------------------------------------------ exports and long jobs

    /** Writes the full-size photo with every face as edited. */
    CompletableFuture<Path> exportImage(Path target) {
        PhotoEdit e = requireEdit();
        if (e == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
        }
        List<AuVector> targets = e.targets();
        status.set("Writing " + target.getFileName() + "…");
        return report(studio.exportStill(full(), targets, target), "Cannot export the image", p -> {
            if (e == edit()) {
                e.markSaved(targets);
                unsaved.set(e.hasUnsavedChanges());
            }
        });
    }

    /** The selected face's 72-expression sheet, with progress, an ETA and cancel; a cancelled sheet writes nothing. */
    CompletableFuture<Path> exportSheet(Path target) {
        PhotoEdit e = requireEdit();
        if (e == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
        }
        PhotoFaces face = Studio.fullFace(full(), e.selected());
        return job("Sheet", Studio.sheetCells(), (cancelled, progress) -> studio.exportSheet(face, target, cancelled, progress),
                "Cannot export the sheet");
    }

    /** Runs a long job with progress (done of {@code total}), an ETA and cancel; one at a time. */
    private CompletableFuture<Path> job(String name, int total, JobStart start, String failure) {
        cancelJob();
        AtomicBoolean cancelled = new AtomicBoolean();
        jobCancel = cancelled;
        long started = System.nanoTime();
        jobProgress.set(0);
        jobText.set(name + ": starting…");
        CompletableFuture<Path> job = start.start(cancelled::get, done -> Platform.runLater(() -> {
            if (jobCancel == cancelled) {
                jobProgress.set((double) done / total);
                jobText.set(name + ": " + done + " of " + total + eta(started, done, total));
            }
        }));
        job.whenComplete((p, error) -> Platform.runLater(() -> {
            if (jobCancel == cancelled) {
                jobCancel = null;
                jobProgress.set(-1);
                jobText.set("");
            }
        }));
        return report(job, failure, p -> { });
    }

    @FunctionalInterface
    private interface JobStart {
        CompletableFuture<Path> start(BooleanSupplier cancelled, IntConsumer progress);
    }

    static String eta(long startedNanos, int done, int total) {
        if (done <= 0 || done >= total) {
            return "";
        }
        double left = (System.nanoTime() - startedNanos) / 1e9 / done * (total - done);
        return left < 60 ? String.format(Locale.ROOT, ", about %.0f s left", Math.ceil(left))
                : String.format(Locale.ROOT, ", about %d min %02d s left", (long) left / 60, (long) left % 60);
    }

    /** Cancels the long job in progress, if any: it stops before its next step and leaves no output. */
    void cancelJob() {
        if (jobCancel != null) {
            jobCancel.set(true);
            jobCancel = null;
            jobProgress.set(-1);
            jobText.set("");
        }
    }

    boolean jobRunning() {
        return jobCancel != null;
    }

    private PhotoEdit requireEdit() {
        if (edit() == null) {
            errors.accept("Nothing to export", "Open a photo with a face first (File ▸ Open).");
        }
        return edit();
    }

    private CompletableFuture<Path> report(CompletableFuture<Path> job, String failure, java.util.function.Consumer<Path> written) {
        job.whenComplete((p, error) -> Platform.runLater(() -> {
            if (error == null) {
                written.accept(p);
                status.set("Wrote " + p);
            } else if (cancelledBy(error)) {
                status.set("Cancelled; nothing was written.");
            } else {
                fail(failure, error);
            }
        }));
        return job;
    }

    static boolean cancelledBy(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof java.util.concurrent.CancellationException;
    }

    // ------------------------------------------------------------------ settings

    /** Saves the settings; reopens the model when it or the device changed, and the preview when its size did. */
    CompletableFuture<Void> applySettings(SettingsDialog.Choice c) {
        boolean modelChanged = !Objects.equals(c.modelDir(), settings.modelDir()) || c.device() != settings.device()
                || c.faceFinder() != settings.faceFinder();
        boolean previewChanged = c.quality() != settings.previewQuality();
        settings.setQuickDrafts(c.quickDrafts());
        if (!modelChanged) {
            settings.setPreviewQuality(c.quality());
            return previewChanged ? reopenEdit() : CompletableFuture.completedFuture(null);
        }
        status.set("Loading the model…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return opener.open(c.modelDir(), c.device(), c.faceFinder());
            } catch (InvalidModelException e) {
                throw new CompletionException(e);
            }
        }, loader).whenComplete((opened, error) -> Platform.runLater(() -> {
            if (error != null) {
                status.set("Kept the previous model");
                errors.accept("Cannot use that model", PlainMessage.of(error));
                done.completeExceptionally(error);
                return;
            }
            settings.setModelDir(c.modelDir());
            settings.setDevice(c.device());
            settings.setFaceFinder(c.faceFinder());
            settings.setPreviewQuality(c.quality());
            Studio old = studio;
            studio = opened;
            cancelJob();
            old.close();
            reopenEdit().whenComplete((v, e) -> {
                status.set("Model: " + opened.modelDirectory().path() + " on " + opened.deviceLabel());
                done.complete(null);
            });
        }));
        return done;
    }

    /** The same photo again on the current model and preview size, every face keeping its edit. */
    private CompletableFuture<Void> reopenEdit() {
        PhotoEdit old = edit();
        PhotoFaces photo = full();
        if (old == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<AuVector> targets = old.targets();
        int face = old.selected();
        double[] kept = intensities.clone();
        int maxSide = settings.previewQuality().maxSide();
        Studio s = studio;
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> new Object[] {s.photoEdit(photo, maxSide),
                SwingFXUtils.toFXImage(photo.photo().scaledTo(maxSide).image(), null)}, loader)
                .whenComplete((made, error) -> Platform.runLater(() -> {
                    if (error != null) {
                        fail("Cannot show the photo again", error);
                        done.complete(null);
                        return;
                    }
                    PhotoEdit e = (PhotoEdit) made[0];
                    show(photo, e, (Image) made[1]);
                    for (int i = 0; i < targets.size(); i++) {
                        if (!targets.get(i).equals(e.own(i))) {
                            e.session(i).set(targets.get(i));
                        }
                    }
                    selectFace(face);
                    if (kept.length == intensities.length) {
                        intensities = kept;
                        intensity.set(kept[face]);
                    }
                    syncFace();
                    done.complete(null);
                }));
        return done;
    }

    void close() {
        cancelJob();
        loader.shutdownNow();
        studio.close();
    }
}
