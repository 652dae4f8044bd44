package org.ganimationstudio.face;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ganimationstudio.model.FaceNetworks;
import org.ganimationstudio.model.InvalidModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the face finder a setting names, falling back to the Haar cascades when the CNN's models are missing. */
public final class FaceFinders {

    private static final Logger LOG = LoggerFactory.getLogger(FaceFinders.class);

    private FaceFinders() {
    }

    /**
     * The {@code kind} of finder; for CNN, with the networks in {@code faceModels}. When those are missing
     * or damaged the Haar finder is returned instead, and the reason is logged: photos still open.
     */
    public static FaceFinder open(FaceFinderKind kind, Path faceModels) {
        if (kind == FaceFinderKind.HAAR) {
            return new HaarFaceFinder();
        }
        try {
            if (faceModels == null || !Files.isDirectory(faceModels)) {
                throw new InvalidModelException("the face finder's models are not installed (assets/models/face)");
            }
            return new CnnFaceFinder(FaceNetworks.open(faceModels));
        } catch (InvalidModelException e) {
            LOG.warn("{}; finding faces with the Haar cascades instead", e.getMessage());
            return new HaarFaceFinder();
        }
    }

    /** The CNN finder, or an exception saying why it cannot run (for commands that ask for it by name). */
    public static CnnFaceFinder openCnn(Path faceModels) throws InvalidModelException {
        return new CnnFaceFinder(FaceNetworks.open(faceModels));
    }
}
