package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import java.awt.geom.AffineTransform;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/** java.awt affine transforms as OpenCV 2x3 matrices. */
final class AffineMats {

    private AffineMats() {
    }

    static Mat of(AffineTransform t) {
        Mat m = new Mat(2, 3, CV_64F);
        try (DoubleIndexer ix = m.createIndexer()) {
            ix.put(0, 0, t.getScaleX());
            ix.put(0, 1, t.getShearX());
            ix.put(0, 2, t.getTranslateX());
            ix.put(1, 0, t.getShearY());
            ix.put(1, 1, t.getScaleY());
            ix.put(1, 2, t.getTranslateY());
        }
        return m;
    }
}
