package org.ganimationstudio.service;

import java.util.List;
import org.ganimationstudio.model.RgbImage;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.model.Rendering;

/**
 * A photo with its faces edited, the model's output for each face at its target (the crop-sized A, C and
 * composite), and each face's aligned crop as the edit leaves it (what was pasted).
 */
public record EditedPhoto(Photo photo, List<Rendering> faces, List<RgbImage> crops) {
}
