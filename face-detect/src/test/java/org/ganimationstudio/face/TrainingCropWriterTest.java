package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCropWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesCropsAndTheirProvenance() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(TestPhotos.astronaut(), in.resolve("astronaut.png"));
        Files.copy(TestPhotos.resource("coffee.png"), in.resolve("coffee.png"));
        Files.writeString(in.resolve("broken.jpg"), "not a photo");
        Path out = tmp.resolve("crops");
        TrainingCropWriter.Summary s;
        try (HaarFaceFinder d = new HaarFaceFinder()) {
            s = new TrainingCropWriter(d, 128, false).write(in, out, (target, content) -> content.writeTo(target));
        }
        assertThat(s.photos()).isEqualTo(3);
        assertThat(s.crops()).isEqualTo(1);
        assertThat(s.noFace()).containsExactly("coffee.png");
        assertThat(s.failed()).singleElement().asString().startsWith("broken.jpg: ");
        BufferedImage crop = ImageIO.read(out.resolve("astronaut_face-1.png").toFile());
        assertThat(crop.getWidth()).isEqualTo(128);
        List<String> csv = Files.readAllLines(out.resolve("crops.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).startsWith("astronaut_face-1.png,astronaut.png,face-1,");
        assertThat(csv.get(1)).endsWith(",128");
        assertThat(out.resolve("crops.csv")).exists();
        assertThatThrownBy(() -> new TrainingCropWriter(new HaarFaceFinder(), 128, false).write(in, in.resolve("sub"), (t, c) -> c.writeTo(t)))
                .hasMessageContaining("must not be inside the input folder");
    }
}
