package org.ganimationstudio.service;

import java.nio.file.Path;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.ModelDirectory;

/** The public-domain sample portrait and the fixture generator, as the service tests use them. */
final class SampleFixture {

    static final Path ROOT = Path.of(System.getProperty("ganimation.repo", "..")).toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("assets/samples/astronaut.png");
    static final Path FIXTURE = ROOT.resolve("assets/models/fixture");

    private static PhotoFaces faces;

    private SampleFixture() {
    }

    static ExpressionModel openModel() throws Exception {
        return ExpressionModel.open(ModelDirectory.open(FIXTURE), ComputeDevice.CPU);
    }

    /** The sample's faces, detected once per test JVM. */
    static synchronized PhotoFaces faces() throws Exception {
        if (faces == null) {
            try (FaceFinder d = ShippedModels.faceFinder()) {
                faces = PhotoFaces.detect(new PhotoReader().read(SAMPLE), d).choose("all");
            }
        }
        return faces;
    }
}
