package org.ganimationstudio.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.ganimationstudio.model.AuVector;

/**
 * The live-preview render loop: slider moves ask for renders faster than the generator can make them,
 * so only the newest request is rendered, on one background thread; requests overtaken while waiting
 * are dropped. Results and errors go to the callbacks of their request, on the render thread (a UI
 * hands them to its own thread). Drafts (a slider still moving) go through the light preview generator
 * when there is one; settled values always through the full one.
 */
public final class PreviewRenderer implements AutoCloseable {

    private record Request(long id, PhotoFaces faces, java.util.List<AuVector> targets, RenderQuality quality,
                           Consumer<EditedPhoto> onResult, Consumer<Exception> onError) {
    }

    private final ExpressionEditor editor;
    private final ExpressionEditor draftEditor;
    private final ExecutorService worker;
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong rendered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** Renders everything with {@code editor}. */
    public PreviewRenderer(ExpressionEditor editor) {
        this(editor, editor);
    }

    /** Renders drafts with {@code draftEditor} (a preview generator) and settled values with {@code editor}. */
    public PreviewRenderer(ExpressionEditor editor, ExpressionEditor draftEditor) {
        if (editor.model().inputSize() != draftEditor.model().inputSize()) {
            throw new IllegalArgumentException("the draft generator takes " + draftEditor.model().inputSize()
                    + " px crops, the full one " + editor.model().inputSize());
        }
        this.editor = editor;
        this.draftEditor = draftEditor;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "preview-render");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for {@code faces} at {@code aus}, settled; returns the request's number (increasing). */
    public long request(PhotoFaces faces, AuVector aus, Consumer<EditedPhoto> onResult, Consumer<Exception> onError) {
        return request(faces, aus, RenderQuality.FINAL, onResult, onError);
    }

    /** Asks for {@code faces} at {@code aus} at a quality; returns the request's number (increasing). */
    public long request(PhotoFaces faces, AuVector aus, RenderQuality quality, Consumer<EditedPhoto> onResult,
                        Consumer<Exception> onError) {
        return request(faces, java.util.Collections.nCopies(faces.count(), aus), quality, onResult, onError);
    }

    /** Asks for each face of {@code faces} at its own target (face i at {@code targets.get(i)}); returns the request's number. */
    public long request(PhotoFaces faces, java.util.List<AuVector> targets, RenderQuality quality, Consumer<EditedPhoto> onResult,
                        Consumer<Exception> onError) {
        Request r = new Request(ids.incrementAndGet(), faces, java.util.List.copyOf(targets), quality, onResult, onError);
        if (pending.getAndSet(r) != null) {
            dropped.incrementAndGet();
        }
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
        return r.id();
    }

    private void drain() {
        while (true) {
            Request r = pending.getAndSet(null);
            if (r == null) {
                scheduled.set(false);
                // a request that arrived between the two lines above would otherwise wait for the next one
                if (pending.get() != null && scheduled.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            EditedPhoto result;
            try {
                result = (r.quality() == RenderQuality.DRAFT ? draftEditor : editor).edit(r.faces(), r.targets());
            } catch (RuntimeException e) {
                r.onError().accept(e);
                continue;
            }
            rendered.incrementAndGet();
            r.onResult().accept(result);
        }
    }

    /** Drops the request waiting to be rendered, if any (the photo it was for is closed); the render in progress ends. */
    public void cancelPending() {
        if (pending.getAndSet(null) != null) {
            dropped.incrementAndGet();
        }
    }

    /** Whether drafts have a generator of their own. */
    public boolean hasDraftGenerator() {
        return draftEditor != editor;
    }

    /** Renders done so far. */
    public long renderedCount() {
        return rendered.get();
    }

    /** Requests overtaken by a newer one before they were rendered. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Stops the render thread after the render in progress (pending requests are dropped). */
    @Override
    public void close() {
        pending.set(null);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
