package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ganimationstudio.model.FuzzInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing of the photo reading path: any bytes saved as a file give an upright BGR
 * photo or a {@link PhotoReadException} whose message names the file; any other throwable, or a
 * read over the time limit, is a finding.
 *
 * <p>A plain build replays the inputs under {@code PhotoReaderFuzzTestInputs/} (tiny PNG, JPEG,
 * GIF, BMP and TIFF photos plus past findings); {@code JAZZER_FUZZ=1} fuzzes (docs/RELIABILITY.md).
 */
class PhotoReaderFuzzTest {

    /** Per-input time limit: an input that takes longer is a finding (a hang). */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private static final PhotoReader READER = new PhotoReader();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void warmUp() {
        FuzzInputs.warmUp(PhotoReaderFuzzTest.class, "photoBytes", PhotoReaderFuzzTest::readsOrRefuses);
    }

    @FuzzTest(maxDuration = "3m")
    void photoBytes(byte[] bytes) {
        assertTimeoutPreemptively(TIME_LIMIT, () -> readsOrRefuses(bytes));
    }

    private static void readsOrRefuses(byte[] bytes) throws Exception {
        Path file = Files.write(tmp.resolve("photo"), bytes);
        Photo photo;
        try {
            photo = READER.read(file);
        } catch (PhotoReadException refused) {
            assertThat(refused.getMessage()).isNotBlank().contains(file.getFileName().toString());
            return;
        }
        BufferedImage image = photo.image();
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(image.getWidth()).isPositive();
        assertThat(image.getHeight()).isPositive();
        assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(PhotoReader.DEFAULT_MAX_PIXELS);
        assertThat(photo.exifOrientation()).isBetween(1, 8);
    }
}
