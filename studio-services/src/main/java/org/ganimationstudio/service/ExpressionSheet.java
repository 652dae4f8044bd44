package org.ganimationstudio.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ganimationstudio.model.ActionUnit;
import org.ganimationstudio.model.ActionUnits;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.RgbImage;

/**
 * Grids of one face at many expressions: the "72 expressions of one face" sheet (systematic or random
 * AU combinations) and the single-AU intensity strips (the paper's Fig. 4). Each cell is labelled.
 */
public final class ExpressionSheet {

    /** One cell: what it shows and the AUs it was rendered at. */
    public record Cell(String label, AuVector aus) {
    }

    private static final int LABEL_HEIGHT = 30;
    private static final int GAP = 6;

    private ExpressionSheet() {
    }

    /** Every upper-face state crossed with every lower-face state (sheet-expressions.json: 8 x 9 = 72). */
    public static List<Cell> systematic() {
        JsonNode root;
        try (InputStream in = ExpressionSheet.class.getResourceAsStream("sheet-expressions.json")) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("sheet-expressions.json is missing from the build", e);
        }
        List<Cell> cells = new ArrayList<>();
        for (JsonNode upper : root.get("upper")) {
            for (JsonNode lower : root.get("lower")) {
                AuVector aus = ExpressionSpec.fromJson(upper.get("aus"), AuVector.zero(), "sheet-expressions.json");
                aus = ExpressionSpec.fromJson(lower.get("aus"), aus, "sheet-expressions.json");
                cells.add(new Cell(upper.get("label").asText() + " + " + lower.get("label").asText(), aus));
            }
        }
        return cells;
    }

    /**
     * {@code count} random expressions, the same for the same seed: each AU is active with probability 0.25
     * at an intensity in [0.3, 1]; every cell has at least one active AU and is labelled with them.
     */
    public static List<Cell> random(int count, long seed) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("a sheet has 1 to 1000 expressions, got " + count);
        }
        Random rng = new Random(seed);
        int n = ActionUnits.standard().count();
        List<Cell> cells = new ArrayList<>(count);
        while (cells.size() < count) {
            float[] v = new float[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (rng.nextDouble() < 0.25) {
                    v[i] = (float) (0.3 + 0.7 * rng.nextDouble());
                    any = true;
                }
            }
            if (any) {
                AuVector aus = AuVector.of(v);
                cells.add(new Cell(activeLabel(aus), aus));
            }
        }
        return cells;
    }

    /** One row per AU, one column per intensity: AU alone at each intensity, the others at 0. */
    public static List<Cell> strips(List<Double> intensities) {
        if (intensities.isEmpty()) {
            throw new IllegalArgumentException("strips need at least one intensity");
        }
        List<Cell> cells = new ArrayList<>();
        for (ActionUnit au : ActionUnits.standard().all()) {
            for (double t : intensities) {
                cells.add(new Cell(String.format(Locale.ROOT, "%s %s %.2f", au.code(), au.name(), t),
                        AuVector.zero().with(au.code(), (float) t)));
            }
        }
        return cells;
    }

    /** "AU06 .62 AU12 .85": the active AUs of a vector. */
    public static String activeLabel(AuVector aus) {
        StringBuilder sb = new StringBuilder();
        for (ActionUnit au : ActionUnits.standard().all()) {
            float v = aus.get(au.index());
            if (v >= 0.05f) {
                sb.append(sb.isEmpty() ? "" : " ").append(au.code().substring(2))
                        .append(String.format(Locale.ROOT, ":%.2f", v).replace(":0.", ":."));
            }
        }
        return sb.isEmpty() ? "neutral" : "AU " + sb;
    }

    /** Edits the first face of {@code faces} to every cell (the aligned crop, no paste-back) and lays them out. */
    public static BufferedImage render(ExpressionEditor editor, PhotoFaces faces, String title, List<Cell> cells,
                                       int columns, int cellSize) {
        List<RgbImage> rendered = editor.editedCrops(faces, 0, cells.stream().map(Cell::aus).toList());
        return compose(title, cells, rendered, columns, cellSize);
    }

    /**
     * Like {@link #render(ExpressionEditor, PhotoFaces, String, List, int, int)}, in batches of eight cells, reporting
     * the cells done after each batch and stopping with {@link java.util.concurrent.CancellationException} when
     * {@code cancelled} says so (checked before each batch, so nothing is composed or written after a cancel).
     */
    public static BufferedImage render(ExpressionEditor editor, PhotoFaces faces, String title, List<Cell> cells,
                                       int columns, int cellSize, java.util.function.BooleanSupplier cancelled,
                                       java.util.function.IntConsumer progress) {
        List<RgbImage> rendered = new java.util.ArrayList<>(cells.size());
        int batch = org.ganimationstudio.model.ExpressionModel.DEFAULT_MAX_BATCH;
        for (int start = 0; start < cells.size(); start += batch) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("the sheet was cancelled");
            }
            List<Cell> part = cells.subList(start, Math.min(cells.size(), start + batch));
            rendered.addAll(editor.editedCrops(faces, 0, part.stream().map(Cell::aus).toList()));
            progress.accept(rendered.size());
        }
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("the sheet was cancelled");
        }
        return compose(title, cells, rendered, columns, cellSize);
    }

    /**
     * Lays rendered faces out in a grid, each with its label underneath.
     *
     * @param title   written above the grid (null for none)
     * @param faces   one rendered face per cell, all the same size
     */
    /** The pixels of a sheet of {@code cells} in {@code columns} (title included), computed without overflow. */
    public static long pixels(int cells, int columns, int cellSize) {
        long cols = columns;
        long rows = (cells + (long) columns - 1) / columns;
        long w = GAP + Math.multiplyExact(cols, cellSize + (long) GAP);
        long h = 34 + GAP + Math.multiplyExact(rows, cellSize + (long) LABEL_HEIGHT + GAP);
        return Math.multiplyExact(w, h);
    }

    public static BufferedImage compose(String title, List<Cell> cells, List<RgbImage> faces, int columns, int cellSize) {
        if (cells.size() != faces.size() || cells.isEmpty()) {
            throw new IllegalArgumentException("need one rendered face per cell");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("a sheet needs at least one column");
        }
        int rows = (cells.size() + columns - 1) / columns;
        int titleHeight = title == null ? 0 : 34;
        int w = GAP + columns * (cellSize + GAP);
        int h = titleHeight + GAP + rows * (cellSize + LABEL_HEIGHT + GAP);
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(0x20, 0x20, 0x20));
            if (title != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
                g.drawString(title, GAP + 2, 24);
            }
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(12, cellSize / 12)));
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < cells.size(); i++) {
                int x = GAP + (i % columns) * (cellSize + GAP);
                int y = titleHeight + GAP + (i / columns) * (cellSize + LABEL_HEIGHT + GAP);
                g.drawImage(faces.get(i).toBufferedImage(), x, y, cellSize, cellSize, null);
                drawLabel(g, fm, cells.get(i).label(), x, y + cellSize, cellSize);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Up to two lines under the cell, cut with an ellipsis when longer. */
    private static void drawLabel(Graphics2D g, FontMetrics fm, String label, int x, int top, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : label.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(next) <= width || line.isEmpty()) {
                line = new StringBuilder(next);
            } else {
                lines.add(line.toString());
                line = new StringBuilder(word);
            }
        }
        lines.add(line.toString());
        for (int i = 0; i < Math.min(2, lines.size()); i++) {
            String text = lines.get(i);
            if (i == 1 && lines.size() > 2) {
                text = text + "…";
            }
            while (fm.stringWidth(text) > width && text.length() > 1) {
                text = text.substring(0, text.length() - 2) + "…";
            }
            g.drawString(text, x + (width - fm.stringWidth(text)) / 2, top + fm.getAscent() + 2 + i * fm.getHeight());
        }
    }
}
