package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ganimationstudio.model.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of photo decoding: small valid files in every supported format, mutated
 * (bit flips, cuts, duplicated and removed ranges, extreme header values), read through
 * {@link PhotoReader}. Each mutant gives a photo or a {@link PhotoReadException}; any other
 * throwable, or a read slower than 10 s, fails.
 */
class DecodingFuzzTest {

    @TempDir
    Path tmp;

    @Test
    void mutatedPhotosDecodeOrAreRefusedCleanly() throws Exception {
        BufferedImage seed = new BufferedImage(48, 40, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = seed.createGraphics();
        for (int i = 0; i < 6; i++) {
            g.setColor(new java.awt.Color(40 * i, 255 - 30 * i, 90));
            g.fillOval(i * 7, i * 5, 20, 16);
        }
        g.dispose();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String format : List.of("png", "jpg", "gif", "bmp", "tiff")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(seed, format, out)).as(format).isTrue();
            seeds.put(format, out.toByteArray());
        }
        Mutator m = new Mutator(5);
        int iterations = Mutator.iterations(2000);
        PhotoReader reader = new PhotoReader();
        Map<String, int[]> outcomes = new LinkedHashMap<>();
        long slowest = 0;
        List<String> formats = List.copyOf(seeds.keySet());
        for (int i = 0; i < iterations; i++) {
            String format = formats.get(i % formats.size());
            Path file = Files.write(tmp.resolve("m" + (i % 8) + "." + format), m.mutate(seeds.get(format)));
            int[] o = outcomes.computeIfAbsent(format, k -> new int[2]);
            long t = System.nanoTime();
            try {
                Photo p = reader.read(file);
                assertThat(p.width()).isPositive();
                o[0]++;
            } catch (PhotoReadException e) {
                assertThat(e.getMessage()).contains(file.getFileName().toString());
                o[1]++;
            }
            slowest = Math.max(slowest, System.nanoTime() - t);
        }
        StringBuilder sb = new StringBuilder("decoding fuzz: " + iterations + " mutants;");
        outcomes.forEach((k, v) -> sb.append(String.format(" %s %d decoded / %d refused;", k, v[0], v[1])));
        System.out.printf("%s slowest %.0f ms%n", sb, slowest / 1e6);
        assertThat(slowest).isLessThan(10_000_000_000L);
    }
}
