package org.ganimationstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.ExpressionBatchJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's photos and output names, on real folders: the same names as the single-machine batch's. */
class PhotoPlannerTest {

    @TempDir
    Path tmp;

    private final PhotoPlanner planner = new PhotoPlanner(new Configuration());
    private final Function<String, String> stills = name -> ExpressionBatchJob.stillExtension(Path.of(name), null);

    @Test
    void aFolderGetsTheOutputNamesOfTheBatchSubFoldersIncluded() throws Exception {
        Path in = tmp.resolve("in");
        for (String f : List.of("a.jpg", "a.png", "d.jpg", "d.jpeg", "b.webp", "b.PNG", "c.jpeg", ".hidden.png", "notes.txt",
                "sub/a.png", "sub/deeper/z.bmp", "_underscore.png")) {
            Files.createDirectories(in.resolve(f).getParent());
            Files.writeString(in.resolve(f), f);
        }
        Path out = tmp.resolve("out");
        List<PhotoPlanner.Planned> plan = planner.folder(new org.apache.hadoop.fs.Path(in.toUri()), true,
                new org.apache.hadoop.fs.Path(out.toUri()), stills);

        Map<Path, Path> batch = new BatchRun(in, out, true).plan(new BatchRun.PhotoJob() {
            @Override
            public String outputExtension(Path input) {
                return ExpressionBatchJob.stillExtension(input, null);
            }

            @Override
            public void render(Path input, Path output) {
            }
        });
        assertThat(plan).extracting(p -> local(p.photo()) + " -> " + local(p.output()))
                .containsExactlyElementsOf(batch.entrySet().stream()
                        .map(e -> e.getKey() + " -> " + e.getValue()).toList());
        assertThat(plan).extracting(p -> out.relativize(local(p.output())).toString()).containsExactly(
                "_underscore.png", "a.jpg", "a.png", "b.png", "b_webp.png", "c.jpg", "d.jpg", "d_jpg.jpg", "sub/a.png", "sub/deeper/z.bmp");
        assertThat(plan).extracting(PhotoPlanner.Planned::problem).containsOnlyNulls();
    }

    @Test
    void aListsPhotosAllGoToTheTopOfTheOutputAndAThirdSameNameFailsItsOwnRow() throws Exception {
        for (String f : List.of("x/p.png", "y/p.png", "z/p.png", "x/q.jpg")) {
            Files.createDirectories(tmp.resolve(f).getParent());
            Files.writeString(tmp.resolve(f), f);
        }
        Path list = Files.writeString(tmp.resolve("photos.txt"), "# chosen photos\n" + tmp.resolve("z/p.png") + "\n\n"
                + tmp.resolve("x/p.png") + "\n" + tmp.resolve("x/q.jpg") + "\n" + tmp.resolve("y/p.png") + "\n"
                + tmp.resolve("x/q.jpg") + "\n");
        Path out = tmp.resolve("out");
        List<PhotoPlanner.Planned> plan = planner.list(new org.apache.hadoop.fs.Path(list.toUri()),
                new org.apache.hadoop.fs.Path(out.toUri()), stills);

        assertThat(plan).extracting(p -> tmp.relativize(local(p.photo())) + " -> " + out.relativize(local(p.output()))
                + (p.problem() == null ? "" : " (" + p.problem() + ")")).containsExactly(
                "x/p.png -> p.png", "x/q.jpg -> q.jpg", "y/p.png -> p_png.png",
                "z/p.png -> p_png.png (another photo of the job has the same output name p_png.png)");
    }

    @Test
    void anOutputFolderInsideTheInputIsRefused() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        assertThatThrownBy(() -> planner.folder(new org.apache.hadoop.fs.Path(in.toUri()), false,
                new org.apache.hadoop.fs.Path(in.resolve("edited").toUri()), stills))
                .hasMessageContaining("is inside the input folder").hasMessageContaining("never writes into its input");
        Path list = Files.writeString(tmp.resolve("list.txt"), in.resolve("a.png") + "\n");
        assertThatThrownBy(() -> planner.list(new org.apache.hadoop.fs.Path(list.toUri()),
                new org.apache.hadoop.fs.Path(in.toUri()), stills))
                .hasMessageContaining("is inside the folder of listed photos");
        assertThatThrownBy(() -> planner.folder(new org.apache.hadoop.fs.Path(tmp.resolve("none").toUri()), false,
                new org.apache.hadoop.fs.Path(tmp.resolve("o").toUri()), stills))
                .hasMessageContaining("does not exist or is not a folder");
    }

    private static Path local(String uri) {
        return Path.of(java.net.URI.create(uri));
    }
}
