package org.ganimationstudio.cli;

import java.nio.file.Path;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.face.PhotoReadException;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.service.PhotoFaces;
import picocli.CommandLine.Option;

/** {@code --face} and {@code --box}: which faces of a photo a command works on. */
final class FaceOptions {

    @Option(names = "--face", paramLabel = "N|all", defaultValue = "all",
            description = "Which detected face: 1 is the largest, or all (default: ${DEFAULT-VALUE}).")
    String face;

    @Option(names = "--box", paramLabel = "X,Y,W,H",
            description = "A face region you point out (when none is detected), in photo pixels.")
    String box;

    /** Reads the photo and finds the chosen faces (an error in plain words when there is none). */
    PhotoFaces load(Path photoFile, FaceDetector detector) throws PhotoReadException {
        Photo photo = new PhotoReader().read(photoFile);
        PhotoFaces faces = box != null ? PhotoFaces.withBox(photo, box) : PhotoFaces.detect(photo, detector);
        try {
            return faces.choose(face);
        } catch (PhotoFaces.NoFaceException e) {
            throw new IllegalArgumentException("no face found in " + photoFile.getFileName()
                    + "; point one out with --box X,Y,W,H", e);
        }
    }
}
