package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The long-session soak at a small scale: no leaked threads, no partial files, bounded native memory. */
class SoakCommandTest {

    @Test
    void aShortSoakLeaksNoThreadsAndLeavesNoPartialFiles() {
        // At this scale RSS moves mostly with JIT and allocator warm-up; the 50 MB bar applies to the
        // full 5,000-render / 200-export run in docs/RELIABILITY.md.
        CliRun r = CliRun.bench("soak", "--model", CliRun.FIXTURE.toString(), "--renders", "200", "--exports", "20",
                "--max-growth", "200");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        Matcher renders = Pattern.compile("(\\d+) preview renders").matcher(r.out());
        assertThat(renders.find()).isTrue();
        assertThat(Integer.parseInt(renders.group(1))).isBetween(200, 203);
        assertThat(r.out()).contains("20 exports (6 GIF, 6 MP4, 6 still, 2 cancelled)",
                "0 partial files left", "PASS");
        Matcher m = Pattern.compile("threads (\\d+) -> (\\d+) -> (\\d+)").matcher(r.out());
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(3))).isLessThanOrEqualTo(Integer.parseInt(m.group(1)));
    }
}
