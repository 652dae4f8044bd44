package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ganimationstudio.model.AuVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {

    @TempDir
    Path tmp;

    private static final AuVector SMILE = AuVector.parse("AU12=1,AU06=0.6");

    @Test
    void framesStartAndEndExactlyOnTheKeyframes() {
        Timeline t = Timeline.between(AuVector.zero(), SMILE, 1.5, Easing.LINEAR);
        List<AuVector> frames = t.frames(20, false);
        assertThat(frames).hasSize(30);
        assertThat(frames.get(0)).isEqualTo(AuVector.zero());
        assertThat(frames.get(29)).isEqualTo(SMILE);
        // linear: equal steps
        assertThat(frames.get(10).get("AU12")).isCloseTo(10f / 29, within(1e-5f));
    }

    @Test
    void pingPongReturnsWithoutRepeatingTheEnds() {
        List<AuVector> frames = Timeline.between(AuVector.zero(), SMILE, 1, Easing.LINEAR).frames(10, true);
        assertThat(frames).hasSize(18);
        assertThat(frames.get(9)).isEqualTo(SMILE);
        assertThat(frames.get(10)).isEqualTo(frames.get(8));
        assertThat(frames.get(17)).isEqualTo(frames.get(1));
        assertThat(frames.get(17)).isNotEqualTo(frames.get(0));
    }

    @Test
    void easingsKeepTheirEndsAndOrder() {
        for (Easing e : Easing.values()) {
            assertThat(e.apply(0)).as(e.id()).isEqualTo(0.0);
            assertThat(e.apply(1)).as(e.id()).isEqualTo(1.0);
            double last = 0;
            for (int i = 1; i <= 100; i++) {
                double v = e.apply(i / 100.0);
                assertThat(v).as(e.id()).isGreaterThanOrEqualTo(last);
                last = v;
            }
        }
        assertThat(Easing.EASE_IN.apply(0.25)).isLessThan(0.25);
        assertThat(Easing.EASE_OUT.apply(0.25)).isGreaterThan(0.25);
        assertThat(Easing.EASE_IN_OUT.apply(0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(Easing.parse("Ease_In_Out")).isEqualTo(Easing.EASE_IN_OUT);
        assertThatThrownBy(() -> Easing.parse("bounce")).hasMessageContaining("ease-in-out");
    }

    @Test
    void readsAKeyframesFileOverTheFacesOwnExpression() throws Exception {
        Path file = tmp.resolve("t.json");
        Files.writeString(file, """
                {"keyframes": [
                  {"time": 0, "base": "current"},
                  {"time": 1, "preset": "happiness", "intensity": 0.5, "easing": "linear"},
                  {"time": 3, "base": "current", "AU26": 1, "aus": {"AU25": 0.9}}
                ]}""");
        AuVector current = AuVector.parse("AU01=0.3,AU12=0.2");
        Timeline t = Timeline.read(file, () -> current);
        assertThat(t.duration()).isEqualTo(3.0);
        assertThat(t.at(0)).isEqualTo(current);
        assertThat(t.at(1).get("AU12")).isCloseTo(0.5f, within(1e-6f));
        assertThat(t.at(1).get("AU06")).isCloseTo(ExpressionSpec.preset("happiness", 0.5).get("AU06"), within(1e-6f));
        AuVector end = t.at(3);
        assertThat(end.get("AU01")).isEqualTo(0.3f);
        assertThat(end.get("AU26")).isEqualTo(1f);
        assertThat(end.get("AU25")).isEqualTo(0.9f);
        // halfway through the linear segment
        assertThat(t.at(0.5).get("AU12")).isCloseTo(0.35f, within(1e-6f));
        assertThat(t.scaledTo(6).at(6)).isEqualTo(end);
    }

    @Test
    void badTimelinesAreRefusedInPlainWords() throws Exception {
        assertThatThrownBy(() -> Timeline.fromJson(json("{\"frames\": []}"), null, "t.json"))
                .hasMessageContaining("expected {\"keyframes\"");
        assertThatThrownBy(() -> Timeline.fromJson(json("{\"keyframes\": [{\"time\": 0}, {\"time\": 0}]}"), null, "t.json"))
                .hasMessageContaining("times must increase");
        assertThatThrownBy(() -> Timeline.fromJson(json("{\"keyframes\": [{\"time\": 0}, {\"time\": 1, \"AU12\": 3}]}"), null, "t.json"))
                .hasMessageContaining("keyframe 2").hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> Timeline.fromJson(json("{\"keyframes\": [{\"time\": 0, \"base\": \"current\"}, {\"time\": 1}]}"), null, "t.json"))
                .hasMessageContaining("AU estimator");
        assertThatThrownBy(() -> Timeline.fromJson(json("{\"keyframes\": [{\"time\": 0}, {\"time\": 1, \"easing\": \"wobble\"}]}"), null, "t.json"))
                .hasMessageContaining("unknown easing");
        assertThatThrownBy(() -> Timeline.fromJson(json("{\"keyframes\": [{\"time\": 0}, {\"time\": 1e9}]}"), null, "t.json"))
                .hasMessageContaining("at most");
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"keyframes\": [");
        assertThatThrownBy(() -> Timeline.read(broken, null)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Timeline.between(AuVector.zero(), SMILE, 1, Easing.LINEAR).frames(0, false))
                .hasMessageContaining("fps");
    }

    @Test
    void expressionSpecsLayerPresetFileAndAssignments() throws Exception {
        Path file = tmp.resolve("e.json");
        Files.writeString(file, "{\"preset\": \"surprise\", \"intensity\": 0.5, \"AU26\": 0.1}");
        AuVector v = ExpressionSpec.resolve("happiness", 1, file, "AU45=0.7").target(AuVector.zero());
        AuVector surprise = ExpressionSpec.preset("surprise", 0.5);
        // the file's preset runs from what came before it (the full smile) half way to surprise
        assertThat(v.get("AU12")).isEqualTo(0.5f * ExpressionSpec.preset("happiness", 1).get("AU12"));
        assertThat(v.get("AU01")).isEqualTo(surprise.get("AU01"));
        assertThat(v.get("AU26")).isEqualTo(0.1f);
        assertThat(v.get("AU45")).isEqualTo(0.7f);
        assertThatThrownBy(() -> ExpressionSpec.preset("glee", 1)).hasMessageContaining("happiness");
        assertThatThrownBy(() -> ExpressionSpec.preset("happiness", 2)).hasMessageContaining("[0, 1]");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> ExpressionSpec.resolve(null, 1, file, null)).hasMessageContaining("JSON object");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheKeysAllowed() throws Exception {
        Path expression = Files.writeString(tmp.resolve("e.json"), "{\"preset\": \"happiness\", \"intesity\": 0.1}");
        assertThatThrownBy(() -> ExpressionSpec.resolve(null, 1, expression, null))
                .hasMessage("e.json: unknown key 'intesity'; allowed keys: preset, intensity, aus, and AU codes such as AU12");
        Files.writeString(expression, "{\"aus\": {\"AU12\": 0.5, \"smile\": 1}}");
        assertThatThrownBy(() -> ExpressionSpec.resolve(null, 1, expression, null))
                .hasMessageContaining("unknown key 'smile'");
        Path keyframes = Files.writeString(tmp.resolve("k.json"),
                "{\"keyframes\": [{\"time\": 0}, {\"tme\": 1, \"time\": 2}]}");
        assertThatThrownBy(() -> Timeline.read(keyframes, null))
                .hasMessage("k.json, keyframe 2: unknown key 'tme'; allowed keys: time, base, easing, preset, intensity, aus, "
                        + "and AU codes such as AU12");
        Files.writeString(keyframes, "{\"keyframes\": [{\"time\": 0}, {\"time\": 1}], \"loop\": true}");
        assertThatThrownBy(() -> Timeline.read(keyframes, null)).hasMessage("k.json: unknown key 'loop'; allowed keys: keyframes");
        Files.writeString(keyframes, "{\"keyframes\": [{\"time\": 0}, {\"time\": 1, \"easing\": 3}]}");
        assertThatThrownBy(() -> Timeline.read(keyframes, null)).hasMessage("k.json, keyframe 2: 'easing' must be text in quotes, got a number");
    }

    @Test
    void trailingGarbageAndHugeFilesAreRefusedInPlainWords() throws Exception {
        Path keyframes = Files.writeString(tmp.resolve("k.json"), "{\"keyframes\": [{\"time\": 0}, {\"time\": 1}]} {\"keyframes\": []}");
        assertThatThrownBy(() -> Timeline.read(keyframes, null)).hasMessageContaining("k.json, line 1")
                .hasMessageContaining("more after the end of the JSON value");
        Files.writeString(keyframes, "{\"keyframes\": [{\"time\": 0}, {\"time\": 1}]} }");
        assertThatThrownBy(() -> Timeline.read(keyframes, null)).hasMessageContaining("an extra or misplaced '}'");
        Path deep = Files.writeString(tmp.resolve("deep.json"), "{\"keyframes\": " + "[".repeat(2000) + "]".repeat(2000) + "}");
        assertThatThrownBy(() -> Timeline.read(deep, null)).hasMessageContaining("deeper than")
                .hasMessageNotContaining("JsonLocation").hasMessageNotContaining("Cannot invoke");
        Path big = tmp.resolve("big.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(200L << 20);
        }
        assertThatThrownBy(() -> Timeline.read(big, null)).hasMessage("big.json is 200.0 MB; JSON inputs are limited to 4 MB");
    }
}
