package org.ganimationstudio.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * How a face box becomes a model crop: the crop is a square of side {@code scale} x the face box,
 * centred {@code shiftY} x the box below the box centre, rotated by the head roll so the eyes are
 * level. Read from {@code crop-geometry.json}; documented in docs/CROP_GEOMETRY.md. Training crops
 * and studio crops use the same numbers. The outline numbers shape the paste-back mask of a face with
 * landmarks ({@link FaceMask}).
 */
public record CropGeometry(double scale, double shiftY, double featherFraction, double foreheadLift, double jawMargin,
                           double outlineFeatherFraction) {

    private static final CropGeometry STANDARD = load();

    public static CropGeometry standard() {
        return STANDARD;
    }

    private static CropGeometry load() {
        try (InputStream in = CropGeometry.class.getResourceAsStream("crop-geometry.json")) {
            JsonNode n = new ObjectMapper().readTree(in);
            JsonNode o = n.path("outline");
            return new CropGeometry(n.path("scale").asDouble(), n.path("shiftY").asDouble(),
                    n.path("featherFraction").asDouble(), o.path("foreheadLift").asDouble(), o.path("jawMargin").asDouble(),
                    o.path("featherFraction").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
