package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.RgbImage;
import org.junit.jupiter.api.Test;

class ExpressionSheetTest {

    @Test
    void theSystematicSheetHas72DifferentLabelledExpressions() {
        List<ExpressionSheet.Cell> cells = ExpressionSheet.systematic();
        assertThat(cells).hasSize(72);
        assertThat(new HashSet<>(cells.stream().map(ExpressionSheet.Cell::aus).toList())).hasSize(72);
        assertThat(new HashSet<>(cells.stream().map(ExpressionSheet.Cell::label).toList())).hasSize(72);
        assertThat(cells.get(0).aus()).isEqualTo(AuVector.zero());
        assertThat(cells).anySatisfy(c -> assertThat(c.label()).isEqualTo("cheeks up + grin"));
    }

    @Test
    void randomSheetsRepeatForASeedAndDifferAcrossSeeds() {
        List<ExpressionSheet.Cell> a = ExpressionSheet.random(72, 7);
        assertThat(a).hasSize(72).isEqualTo(ExpressionSheet.random(72, 7)).isNotEqualTo(ExpressionSheet.random(72, 8));
        assertThat(a).allSatisfy(c -> {
            assertThat(c.aus()).isNotEqualTo(AuVector.zero());
            assertThat(c.label()).startsWith("AU ");
        });
        assertThat(ExpressionSheet.activeLabel(AuVector.parse("AU12=0.8,AU06=0.5"))).isEqualTo("AU 06:.50 12:.80");
    }

    @Test
    void stripsHoldOneAuPerRow() {
        List<ExpressionSheet.Cell> cells = ExpressionSheet.strips(List.of(0.0, 0.5, 1.0));
        assertThat(cells).hasSize(17 * 3);
        assertThat(cells.get(5).aus()).isEqualTo(AuVector.zero().with("AU02", 1f));
        assertThat(cells.get(5).label()).startsWith("AU02").endsWith("1.00");
    }

    @Test
    void composeLaysFacesOutInAGrid() {
        float[] red = new float[3 * 32 * 32];
        java.util.Arrays.fill(red, 0, 32 * 32, 1f);
        List<ExpressionSheet.Cell> cells = ExpressionSheet.random(10, 1);
        BufferedImage sheet = ExpressionSheet.compose("t", cells, Collections.nCopies(10, RgbImage.ofPlanes(32, 32, red)), 4, 64);
        // 4 columns x 3 rows of 64-px cells with gaps, labels and a title
        assertThat(sheet.getWidth()).isEqualTo(6 + 4 * 70);
        assertThat(sheet.getHeight()).isEqualTo(34 + 6 + 3 * (64 + 30 + 6));
        assertThat(sheet.getRGB(6 + 32, 40 + 32) & 0xffffff).isEqualTo(0xff0000);
    }
}
