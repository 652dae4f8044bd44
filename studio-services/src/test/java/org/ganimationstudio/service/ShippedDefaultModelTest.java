package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ganimationstudio.model.AuEstimator;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.EmotionPresets;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.model.ModelKind;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.model.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped default model on the sample portrait, edited as users edit (the change from the face's own
 * reading, pasted into the crop) and read back by the shipped AU estimator: the behaviour its model card
 * promises (a smile, an open mouth, the face left as it is at its own AUs, the photo's own colours).
 */
class ShippedDefaultModelTest {

    static ExpressionModel model;
    static AuEstimator estimator;
    static FaceAuReader reader;
    static PhotoFaces faces;
    static RgbImage input;
    static AuVector own;

    @BeforeAll
    static void open() throws Exception {
        model = ExpressionModel.open(ModelDirectory.open(SampleFixture.ROOT.resolve("assets/models/default")), ComputeDevice.CPU);
        estimator = AuEstimator.open(ModelDirectory.open(SampleFixture.ROOT.resolve("assets/models/estimator"), ModelKind.AU_ESTIMATOR), ComputeDevice.CPU);
        reader = new FaceAuReader(() -> AuEstimator.open(ShippedModels.estimator(null), ComputeDevice.CPU));
        faces = SampleFixture.faces();
        input = faces.inputs(model.inputSize()).get(0);
        own = reader.read(faces, 0);
    }

    @AfterAll
    static void close() {
        model.close();
        estimator.close();
        reader.close();
    }

    private static RgbImage edit(AuVector aus) {
        return new ExpressionEditor(model, reader, true).editedCrops(faces, 0, List.of(aus)).get(0);
    }

    @Test
    void atTheFacesOwnAusTheFaceStaysAsItIs() {
        assertThat(edit(own).toPlanes()).containsExactly(input.toPlanes());
        // the network itself, asked for the face as it is, keeps nearly every pixel
        Rendering r = model.render(input, own);
        assertThat(r.attention().mean()).isGreaterThan(0.9);
    }

    /** Mean absolute change between the crop and its edit over rows [from, to) of the crop's height. */
    private static double change(RgbImage edited, double from, double to) {
        int w = input.width();
        float[] a = input.toPlanes();
        float[] b = edited.toPlanes();
        double sum = 0;
        int n = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = (int) (from * w); y < (int) (to * w); y++) {
                for (int x = 0; x < w; x++) {
                    int k = (c * w + y) * w + x;
                    sum += Math.abs(a[k] - b[k]);
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    void eachPresetMovesThePartsOfTheFaceItsMusclesMove() {
        EmotionPresets presets = EmotionPresets.standard();
        RgbImage happy = edit(presets.get("happiness").aus());
        RgbImage surprise = edit(presets.get("surprise").aus());
        // the crop's upper band holds the brows and eyes, its lower band the mouth and chin
        double happyUpper = change(happy, 0.25, 0.45);
        double happyLower = change(happy, 0.55, 0.8);
        assertThat(happyLower).as("a smile moves the mouth").isGreaterThan(2 * happyUpper).isGreaterThan(0.005);
        assertThat(change(surprise, 0.25, 0.45)).as("surprise raises the brows").isGreaterThan(happyUpper + 0.005);
    }

    @Test
    void aJawDropOpensADarkMouth() {
        AuVector base = own.with("AU25", 0).with("AU26", 0);
        double closed = lightness(edit(base));
        double open = lightness(edit(base.with("AU25", 1).with("AU26", 1)));
        assertThat(open).as("mean of the mouth's region, open vs closed").isLessThan(closed - 0.01);
    }

    @Test
    void au45ClosesTheEyesAndLeavesTheLowerFace() {
        RgbImage closed = edit(own.with("AU45", 1));
        double eyes = change(closed, 0.3, 0.45);
        assertThat(eyes).as("the eyes' band changes").isGreaterThan(0.01);
        assertThat(change(closed, 0.5, 1.0)).as("nose, mouth and chin").isLessThan(eyes / 5);
        // closed lids hide the dark iris: the eyes' darkest pixels become lid
        assertThat(darkest(closed)).isGreaterThan(darkest(input) + 0.05);
        // and half-way, half as much of it
        double half = darkest(edit(own.with("AU45", 0.5f)));
        assertThat(half).isBetween(darkest(input) + 0.01, darkest(closed) - 0.01);
    }

    /** The 5th percentile of lightness round the eyes (not the hair beside them): the irises when they show. */
    private static double darkest(RgbImage crop) {
        int w = crop.width();
        float[] p = crop.toPlanes();
        List<Double> lightness = new ArrayList<>();
        for (int y = (int) (0.35 * w); y < (int) (0.43 * w); y++) {
            for (int x = (int) (0.33 * w); x < (int) (0.68 * w); x++) {
                int k = y * w + x;
                lightness.add((p[k] + p[w * w + k] + p[2 * w * w + k]) / 3.0);
            }
        }
        Collections.sort(lightness);
        return lightness.get(lightness.size() / 20);
    }

    /** Mean lightness of the middle of the crop's lower band, where the mouth is. */
    private static double lightness(RgbImage crop) {
        int w = crop.width();
        float[] p = crop.toPlanes();
        double sum = 0;
        int n = 0;
        for (int y = (int) (0.62 * w); y < (int) (0.78 * w); y++) {
            for (int x = (int) (0.38 * w); x < (int) (0.62 * w); x++) {
                for (int c = 0; c < 3; c++) {
                    sum += p[(c * w + y) * w + x];
                }
                n += 3;
            }
        }
        return sum / n;
    }

    @Test
    void editsKeepThePhotosColours() {
        // chroma of the mouth and cheeks: a warp moves the photo's pixels and paints only the mouth's inside
        RgbImage happy = edit(EmotionPresets.standard().get("happiness").aus());
        float[] a = input.toPlanes();
        float[] b = happy.toPlanes();
        int plane = input.width() * input.height();
        double shift = 0;
        for (int p = 0; p < plane; p++) {
            double ra = a[p] - a[plane + p], rb = b[p] - b[plane + p]; // red minus green: a magenta cast shows here
            shift += rb - ra;
        }
        assertThat(Math.abs(shift / plane)).isLessThan(0.005);
    }
}
