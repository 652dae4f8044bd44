package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuVectorTest {

    @Test
    void catalogueHasTheSeventeenOpenFaceAusInModelOrder() {
        ActionUnits aus = ActionUnits.standard();
        assertThat(aus.codes()).containsExactly("AU01", "AU02", "AU04", "AU05", "AU06", "AU07", "AU09", "AU10",
                "AU12", "AU14", "AU15", "AU17", "AU20", "AU23", "AU25", "AU26", "AU45");
        assertThat(aus.get("AU12").name()).isEqualTo("Lip corner puller");
        assertThat(aus.get("au26").name()).isEqualTo("Jaw drop");
        assertThat(aus.get("6").code()).isEqualTo("AU06");
        assertThat(aus.all()).allSatisfy(au -> {
            assertThat(au.muscle()).isNotBlank();
            assertThat(aus.groupLabel(au.group())).isNotEqualTo(au.group());
        });
    }

    @Test
    void parsesCodeValuePairs() {
        AuVector v = AuVector.parse("AU12=0.8, au06=0.5;26=1");
        assertThat(v.get("AU12")).isEqualTo(0.8f);
        assertThat(v.get("AU06")).isEqualTo(0.5f);
        assertThat(v.get("AU26")).isEqualTo(1f);
        assertThat(v.get("AU01")).isZero();
        assertThat(AuVector.parse(v.toString())).isEqualTo(v);
        assertThat(AuVector.parse("")).isEqualTo(AuVector.zero());
    }

    @Test
    void rejectsInvalidValuesWithClearMessages() {
        assertThatThrownBy(() -> AuVector.parse("AU12=NaN")).hasMessageContaining("AU12 is NaN");
        assertThatThrownBy(() -> AuVector.parse("AU12=3")).hasMessageContaining("outside [0, 1]")
                .hasMessageContaining("divide by 5");
        assertThatThrownBy(() -> AuVector.parse("AU12=-0.1")).hasMessageContaining("AU12 = -0.1 is outside");
        assertThatThrownBy(() -> AuVector.parse("AU03=0.5")).hasMessageContaining("unknown Action Unit 'AU03'");
        assertThatThrownBy(() -> AuVector.parse("AU12")).hasMessageContaining("expected CODE=VALUE");
        assertThatThrownBy(() -> AuVector.parse("AU12=big")).hasMessageContaining("'big' is not a number");
        assertThatThrownBy(() -> AuVector.parse("AU12=0.1,AU12=0.2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> AuVector.of(new float[16])).hasMessageContaining("has 17 values, got 16");
        assertThatThrownBy(() -> AuVector.zero().with("AU45", Float.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void interpolatesLinearlyBetweenVectors() {
        AuVector a = AuVector.of(Map.of("AU12", 0.2, "AU26", 1.0));
        AuVector b = AuVector.of(Map.of("AU12", 1.0, "AU01", 0.5));
        assertThat(a.interpolate(b, 0)).isEqualTo(a);
        assertThat(a.interpolate(b, 1)).isEqualTo(b);
        AuVector mid = a.interpolate(b, 0.5);
        assertThat(mid.get("AU12")).isCloseTo(0.6f, within(1e-6f));
        assertThat(mid.get("AU26")).isCloseTo(0.5f, within(1e-6f));
        assertThat(mid.get("AU01")).isCloseTo(0.25f, within(1e-6f));
        assertThatThrownBy(() -> a.interpolate(b, 1.5)).hasMessageContaining("[0, 1]");
    }

    @Test
    void isImmutable() {
        AuVector v = AuVector.zero().with("AU12", 0.7f);
        float[] raw = v.toArray();
        raw[8] = 0f;
        assertThat(v.get("AU12")).isEqualTo(0.7f);
        assertThat(AuVector.zero().get("AU12")).isZero();
    }
}
