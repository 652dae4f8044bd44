package org.ganimationstudio.service.studio;

import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.AnimationFormat;
import org.ganimationstudio.service.AnimationSettings;
import org.ganimationstudio.service.Easing;
import org.ganimationstudio.service.ExpressionBatchJob;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.Timeline;

/**
 * What the batch dialog asks for, and the batch job it means. No JavaFX: the {@link Studio} builds
 * the job from these on its own model and detector.
 *
 * @param recursive       include the photos of sub-folders
 * @param output          what each photo becomes
 * @param largestFaceOnly edit only the largest face of each photo instead of every face
 */
public record BatchOptions(boolean recursive, Output output, boolean largestFaceOnly) {

    /** Batch animations run from a neutral face to the expression over this many seconds. */
    public static final double ANIMATION_SECONDS = 2;

    /** Batch animations: 12 frames per second (small files), the photo's own size up to 1920 pixels. */
    public static final AnimationSettings ANIMATION = new AnimationSettings(12, false, 0, false);

    /** What each photo becomes; the label is what the dialog shows. */
    public enum Output {
        STILL_SAME_FORMAT("Still image, in the photo's format"),
        STILL_PNG("Still image, PNG"),
        STILL_JPG("Still image, JPG"),
        GIF("GIF animation, from neutral to the expression"),
        MP4("MP4 animation, from neutral to the expression");

        private final String label;

        Output(String label) {
            this.label = label;
        }

        public boolean animated() {
            return this == GIF || this == MP4;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public BatchOptions {
        if (output == null) {
            throw new IllegalArgumentException("choose what each photo becomes");
        }
    }

    /** The job that renders each photo at {@code target}; an animation runs from each face as photographed. */
    public ExpressionBatchJob job(ExpressionEditor editor, FaceFinder detector, AuVector aus) {
        FaceExpression target = FaceExpression.absolute(aus);
        String faces = largestFaceOnly ? "1" : "all";
        return switch (output) {
            case STILL_SAME_FORMAT -> ExpressionBatchJob.stills(editor, detector, faces, target, null);
            case STILL_PNG -> ExpressionBatchJob.stills(editor, detector, faces, target, "png");
            case STILL_JPG -> ExpressionBatchJob.stills(editor, detector, faces, target, "jpg");
            case GIF, MP4 -> ExpressionBatchJob.animations(editor, detector, faces, new ExpressionBatchJob.Animation(
                    output == Output.GIF ? AnimationFormat.GIF : AnimationFormat.MP4,
                    current -> Timeline.between(current.get(), aus, ANIMATION_SECONDS, Easing.EASE_IN_OUT),
                    ANIMATION));
        };
    }
}
