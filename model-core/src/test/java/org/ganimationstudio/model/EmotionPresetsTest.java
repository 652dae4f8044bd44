package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmotionPresetsTest {

    private final EmotionPresets presets = EmotionPresets.standard();

    @Test
    void hasTheBasicEmotionsAndNeutral() {
        assertThat(presets.all()).extracting(EmotionPreset::id).containsExactly("neutral", "happiness", "sadness",
                "surprise", "fear", "anger", "disgust", "contempt");
        assertThat(presets.get("neutral").aus()).isEqualTo(AuVector.zero());
    }

    @Test
    void followTheEmfacsCombinations() {
        AuVector happy = presets.get("Happiness").aus();
        assertThat(happy.get("AU06")).isPositive();
        assertThat(happy.get("AU12")).isEqualTo(1f);
        AuVector sad = presets.get("sadness").aus();
        assertThat(List.of(sad.get("AU01"), sad.get("AU04"), sad.get("AU15"))).allSatisfy(
                v -> assertThat(v).isPositive());
        AuVector surprise = presets.get("surprise").aus();
        assertThat(surprise.get("AU26")).isPositive();
        assertThat(surprise.get("AU04")).isZero();
        assertThat(presets.get("disgust").aus().get("AU09")).isPositive();
        assertThat(presets.get("anger").aus().get("AU04")).isPositive();
    }

    @Test
    void scalesWithIntensity() {
        EmotionPreset happy = presets.get("happiness");
        assertThat(happy.at(0)).isEqualTo(AuVector.zero());
        assertThat(happy.at(1)).isEqualTo(happy.aus());
        assertThat(happy.at(0.5).get("AU12")).isEqualTo(0.5f);
        assertThatThrownBy(() -> presets.get("joy")).hasMessageContaining("unknown preset 'joy'");
    }

    @Test
    void aPresetKeepsWhatItNeitherNeedsNorContradictsAsTheFaceShowsIt() {
        AuVector own = AuVector.parse("AU04=0.5,AU12=0.1,AU15=0.3,AU17=0.3,AU26=0.2,AU45=0.25");
        AuVector happy = presets.get("happiness").on(own);
        // its own AUs at the preset's values; a frown's brows and lip corners cleared; chin, jaw and lids kept
        assertThat(happy.get("AU12")).isEqualTo(1f);
        assertThat(happy.get("AU04")).isZero();
        assertThat(happy.get("AU15")).isZero();
        assertThat(List.of(happy.get("AU17"), happy.get("AU26"), happy.get("AU45"))).containsExactly(0.3f, 0.2f, 0.25f);
        // surprise opens the eyes and drops the jaw: a raised chin and closing lids contradict it
        AuVector surprise = presets.get("surprise").on(own);
        assertThat(surprise.get("AU17")).isZero();
        assertThat(surprise.get("AU45")).isZero();
        assertThat(surprise).isEqualTo(presets.get("surprise").aus());
        assertThat(presets.get("neutral").on(own)).isEqualTo(AuVector.zero());
        // from a neutral face, every preset is its values
        for (EmotionPreset p : presets.all()) {
            assertThat(p.on(AuVector.zero())).isEqualTo(p.aus());
        }
    }

    @Test
    void keptAusMustBeCodesThePresetDoesNotAlsoSet() {
        String head = "{\"presets\": [{\"id\": \"glad\", \"aus\": {\"AU12\": 1.0}, \"keeps\": ";
        assertThat(EmotionPresets.parse(head + "[\"au17\", \"45\"]}]}").get("glad").keeps())
                .containsExactlyInAnyOrder("AU17", "AU45");
        assertThatThrownBy(() -> EmotionPresets.parse(head + "[\"AU12\"]}]}"))
                .hasMessageContaining("preset 'glad'").hasMessageContaining("AU12 is both set and kept");
        assertThatThrownBy(() -> EmotionPresets.parse(head + "[\"AU99\"]}]}")).hasMessageContaining("preset 'glad'");
        assertThatThrownBy(() -> EmotionPresets.parse(head + "[\"AU17\", \"AU17\"]}]}"))
                .hasMessageContaining("AU17 is kept twice");
        assertThatThrownBy(() -> EmotionPresets.parse(head + "\"AU17\"}]}")).hasMessageContaining("list of AU codes");
        assertThatThrownBy(() -> EmotionPresets.parse(head + "[17]}]}")).hasMessageContaining("AU codes as text");
    }
}
