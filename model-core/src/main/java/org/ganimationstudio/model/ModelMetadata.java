package org.ganimationstudio.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The contents of a model directory's {@code model.json}. Read strictly: a key that is neither a component
 * below nor one of the informational keys named in {@code @JsonIgnoreProperties} is refused, so a misspelt
 * key is reported instead of silently taking a default.
 */
@JsonIgnoreProperties({"outputs"})
public record ModelMetadata(
        String format,
        int formatVersion,
        String kind,
        Architecture architecture,
        Input input,
        ActionUnitSpec actionUnits,
        Map<String, FileEntry> files,
        Map<String, Object> provenance) {

    public static final String FORMAT = "ganimation-studio/model";
    public static final int FORMAT_VERSION = 1;

    /**
     * Network hyper-parameters, as the training package writes them. The paper generator's fields
     * (convDim … convBias) are absent (null) for an AU estimator and for other generator designs; the
     * estimator's width and members and the warp-residual design's flowSize and blocks are informational.
     */
    @JsonIgnoreProperties({"width", "members", "flowSize", "blocks"})
    public record Architecture(String name, Integer convDim, Integer repeatNum, int auCount, Boolean affineNorm,
                               Boolean convBias, long parameters) {
    }

    /** The image the network takes: square, {@code size} pixels, 3 channels in [-1, 1]. */
    public record Input(int size, int channels, String layout, List<Double> range) {
    }

    public record ActionUnitSpec(List<String> codes, List<Double> range, double openFaceScale) {
    }

    public record FileEntry(String path, String sha256) {
    }
}
