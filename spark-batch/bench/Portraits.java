import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Benchmark input: the first N photos of a folder (by name), resized to 356 x 436 (the proportions of
 * CelebA's frames, as the outside evaluation restores them) and written as PNG.
 * Run with: java spark-batch/bench/Portraits.java SOURCE_FOLDER TARGET_FOLDER N
 */
public class Portraits {
    public static void main(String[] args) throws Exception {
        Path from = Path.of(args[0]);
        Path to = Files.createDirectories(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        List<Path> photos;
        try (Stream<Path> s = Files.list(from)) {
            photos = s.filter(p -> p.toString().matches("(?i).*\\.(jpg|jpeg|png)$")).sorted().limit(n).toList();
        }
        for (Path p : photos) {
            BufferedImage src = ImageIO.read(p.toFile());
            BufferedImage dst = new BufferedImage(356, 436, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = dst.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(src, 0, 0, 356, 436, null);
            g.dispose();
            String name = p.getFileName().toString().replaceFirst("\\.[^.]+$", ".png");
            ImageIO.write(dst, "png", new File(to.toFile(), name));
        }
        System.out.println(photos.size() + " portraits in " + to);
    }
}
