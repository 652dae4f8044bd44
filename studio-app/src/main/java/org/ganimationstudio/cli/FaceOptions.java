package org.ganimationstudio.cli;

import java.nio.file.Path;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.face.PhotoReadException;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.service.PhotoFaces;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --face} and {@code --box}: which faces of a photo a command works on. */
final class FaceOptions {

    @Option(names = "--face", paramLabel = "N|all", defaultValue = "all", converter = FaceChoice.Converter.class,
            description = "Which detected face: 1 is the largest (up to " + FaceChoice.MAX + "), or all (default: ${DEFAULT-VALUE}).")
    FaceChoice face;

    @Option(names = "--box", paramLabel = "X,Y,W,H", converter = FaceBox.Converter.class,
            description = "A face region you point out (when none is detected), in photo pixels; it must lie inside the photo.")
    FaceBox box;

    @picocli.CommandLine.Mixin
    FaceFinderOption finder = new FaceFinderOption();

    /**
     * Reads the photo and finds the chosen faces. A box outside the photo or a face number the photo lacks
     * is a bad argument (exit status 2); a photo without a face is a failed job (1).
     */
    PhotoFaces load(Path photoFile, CommandSpec spec) throws PhotoReadException {
        Photo photo = new PhotoReader().read(photoFile);
        PhotoFaces faces;
        if (box != null) {
            // a pointed-out face needs no detector
            try {
                faces = PhotoFaces.withBox(photo, box.x(), box.y(), box.width(), box.height());
            } catch (IllegalArgumentException e) {
                throw ArgumentChecks.bad(spec, "--box: " + e.getMessage());
            }
        } else {
            try (FaceFinder detector = finder.open()) {
                faces = PhotoFaces.detect(photo, detector);
            }
        }
        if (faces.isEmpty()) {
            throw new IllegalStateException("no face found in " + photoFile.getFileName()
                    + "; point one out with --box X,Y,W,H");
        }
        try {
            return faces.choose(face.toString());
        } catch (IllegalArgumentException e) {
            throw ArgumentChecks.bad(spec, "--face: " + e.getMessage());
        }
    }
}
