package org.ganimationstudio.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuVector;

/**
 * One photo of a batch: read it, find the chosen faces, and write either a still at the target
 * expression or an animation. Shared by {@code ganimation batch} and the studio's batch dialog.
 */
public final class ExpressionBatchJob implements BatchRun.PhotoJob {

    /** A photo's timeline; {@code current} reads its face's own AUs, only if the timeline asks for them. */
    @FunctionalInterface
    public interface TimelineSource {
        Timeline timeline(Supplier<AuVector> current) throws IOException;
    }

    /** How each photo is animated; a timeline's "current" is each face's own expression, as the editor reads it. */
    public record Animation(AnimationFormat format, TimelineSource timeline, AnimationSettings settings) {
    }

    private final ExpressionEditor editor;
    private final FaceFinder detector;
    private final String faces;
    private final FaceExpression target;
    private final String stillFormat;
    private final Animation animation;
    private final AnimationExport export;

    private ExpressionBatchJob(ExpressionEditor editor, FaceFinder detector, String faces, FaceExpression target,
                               String stillFormat, Animation animation) {
        this.editor = editor;
        this.detector = detector;
        this.faces = faces;
        this.target = target;
        this.stillFormat = stillFormat;
        this.animation = animation;
        this.export = new AnimationExport(editor);
    }

    /**
     * A still per photo.
     *
     * @param faces  {@code "all"} or a face number (1 = the largest)
     * @param format png, jpg or bmp; null for the photo's own format when it is one of those, else png
     */
    public static ExpressionBatchJob stills(ExpressionEditor editor, FaceFinder detector, String faces, FaceExpression target,
                                            String format) {
        if (target == null) {
            throw new IllegalArgumentException("a batch of stills needs a target expression");
        }
        return new ExpressionBatchJob(editor, detector, faces, target, checkStillFormat(format), null);
    }

    /** An animation per photo; {@code faces} as for {@link #stills}. */
    public static ExpressionBatchJob animations(ExpressionEditor editor, FaceFinder detector, String faces,
                                                Animation animation) {
        return new ExpressionBatchJob(editor, detector, faces, null, null, animation);
    }

    /**
     * Checks a still format before any work starts.
     *
     * @return the format in lower case, or null when none was given
     */
    public static String checkStillFormat(String format) {
        if (format == null) {
            return null;
        }
        OutputFiles.imageFormatOf(Path.of("x." + format));
        return format.toLowerCase(Locale.ROOT);
    }

    /** The extension of a still of {@code photo}: {@code format}, else the photo's own when png, jpg or bmp, else png. */
    public static String stillExtension(Path photo, String format) {
        if (format != null) {
            return format.toLowerCase(Locale.ROOT);
        }
        String name = photo.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "png", "jpg", "bmp" -> ext;
            case "jpeg" -> "jpg";
            default -> "png";
        };
    }

    @Override
    public String outputExtension(Path photo) {
        return animation != null ? animation.format().extension() : stillExtension(photo, stillFormat);
    }

    @Override
    public void render(Path photo, Path file) throws Exception {
        renderFaces(photo, file);
    }

    /**
     * Renders as {@link #render} does (the cluster batch calls this so its outputs are the same bytes).
     *
     * @return how many faces were edited
     */
    public int renderFaces(Path photo, Path file) throws Exception {
        PhotoFaces found = load(photo);
        if (animation == null) {
            OutputFiles.writeImage(editor.edit(found, target).photo().image(), file, OutputPolicy.NEW_FILES);
            return found.count();
        }
        // a batch stops between photos, so each animation runs to its end
        export.write(found, own -> animation.timeline().timeline(() -> own), animation.settings(), file,
                OutputPolicy.NEW_FILES, () -> false, n -> { });
        return found.count();
    }

    private PhotoFaces load(Path photo) throws Exception {
        PhotoFaces all = PhotoFaces.detect(new PhotoReader().read(photo), detector);
        if (all.isEmpty()) {
            // a batch has no way to point a face out: just say which photo
            throw new IllegalArgumentException("no face found in " + photo.getFileName());
        }
        return all.choose(faces);
    }
}
