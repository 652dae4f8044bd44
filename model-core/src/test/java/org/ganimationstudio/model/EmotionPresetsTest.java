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
}
