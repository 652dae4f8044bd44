package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two faces of one photo (the sample twice, side by side), each with its own edit, rendered by the fixture generator. */
class PhotoEditTest {

    static ExpressionModel model;
    static PhotoFaces pair;

    @BeforeAll
    static void open() throws Exception {
        model = SampleFixture.openModel();
        BufferedImage sample = ImageIO.read(SampleFixture.SAMPLE.toFile());
        BufferedImage two = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = two.createGraphics();
        g.drawImage(sample, 0, 0, null);
        g.drawImage(sample, 512, 0, null);
        g.dispose();
        try (FaceFinder d = ShippedModels.faceFinder()) {
            pair = PhotoFaces.detect(Photo.of(two), d);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void eachFaceKeepsItsOwnEditAndHistory() {
        assertThat(pair.count()).isEqualTo(2);
        AuVector own0 = AuVector.zero().with("AU12", 0.3f);
        AuVector own1 = AuVector.zero().with("AU06", 0.2f);
        PhotoEdit edit = new PhotoEdit(pair, List.of(own0, own1));
        List<Integer> heard = new ArrayList<>();
        edit.onChange((face, targets, quality) -> heard.add(face));
        assertThat(edit.targets()).containsExactly(own0, own1);
        assertThat(edit.hasUnsavedChanges()).isFalse();

        edit.current().set(own0.with("AU26", 1f));
        edit.select(1);
        assertThat(edit.current().shown()).as("the other face starts at its own reading").isEqualTo(own1);
        edit.current().set(own1.with("AU04", 0.8f));
        edit.current().set(own1.with("AU04", 0.9f));
        assertThat(edit.targets()).containsExactly(own0.with("AU26", 1f), own1.with("AU04", 0.9f));
        assertThat(heard).containsExactly(0, 1, 1);

        // undo on the second face steps back its own history only
        edit.current().undo();
        edit.current().undo();
        assertThat(edit.targets()).containsExactly(own0.with("AU26", 1f), own1);
        assertThat(edit.isEdited(0)).isTrue();
        assertThat(edit.isEdited(1)).isFalse();
        edit.select(0);
        assertThat(edit.current().shown()).isEqualTo(own0.with("AU26", 1f));
        assertThat(edit.hasUnsavedChanges()).isTrue();
        edit.markSaved();
        assertThat(edit.hasUnsavedChanges()).isFalse();
    }

    @Test
    void perFaceTargetsEditOnlyTheFacesAskedAndLeaveTheOthersBitIdentical() {
        ExpressionEditor editor = new ExpressionEditor(model);
        AuVector smile = AuVector.zero().with("AU12", 1f).with("AU25", 1f);
        BufferedImage photo = pair.photo().image();
        BufferedImage left = editor.edit(pair, List.of(smile, AuVector.zero())).photo().image();
        BufferedImage right = editor.edit(pair, List.of(AuVector.zero(), smile)).photo().image();
        BufferedImage none = editor.edit(pair, List.of(AuVector.zero(), AuVector.zero())).photo().image();
        int leftFace = pair.faces().get(0).centerX() < 512 ? 0 : 1;
        // the edited face's half changes, the other half is the photo's own pixels
        assertThat(changed(photo, left, leftFace == 0 ? 0 : 512)).isGreaterThan(200);
        assertThat(changed(photo, left, leftFace == 0 ? 512 : 0)).isZero();
        assertThat(changed(photo, right, leftFace == 0 ? 512 : 0)).isGreaterThan(200);
        assertThat(changed(photo, right, leftFace == 0 ? 0 : 512)).isZero();
        assertThat(changed(photo, none, 0) + changed(photo, none, 512)).isZero();
    }

    private static int changed(BufferedImage a, BufferedImage b, int x0) {
        int n = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = x0; x < x0 + 512; x++) {
                n += (a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }
}
