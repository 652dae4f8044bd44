package org.ganimationstudio.service;

import java.util.List;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.model.Rendering;

/** A photo with its faces edited, and the model's output for each face (the crop-sized A, C and composite). */
public record EditedPhoto(Photo photo, List<Rendering> faces) {
}
