package org.ganimationstudio.studio;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.PlainMessage;

/** The batch dialog's words: the expression in one line, the summary of a run, an error as a sentence. */
final class BatchText {

    private BatchText() {
    }

    /** What happened, in plain words: counts, then each failure with its reason. */
    static String summary(BatchRun.Summary s, int photos, Path in) {
        if (photos == 0 && !s.cancelled()) {
            return "No photos found in " + in + ".";
        }
        StringBuilder text = new StringBuilder(s.cancelled()
                ? "Cancelled after " + s.total() + " of " + photos + " photos.\n"
                : "Finished " + photos + (photos == 1 ? " photo.\n" : " photos.\n"));
        text.append("Done: ").append(s.done()).append('\n');
        text.append("Skipped as already done: ").append(s.skipped()).append('\n');
        text.append("Failed: ").append(s.failed().size());
        for (BatchRun.Failure f : s.failed()) {
            text.append("\n  ").append(relative(in, f.input())).append(": ").append(f.reason());
        }
        return text.toString();
    }

    /** The photo as the user knows it: its path inside the chosen folder. */
    private static String relative(Path in, Path photo) {
        try {
            Path base = in.toRealPath();
            return photo.startsWith(base) ? base.relativize(photo).toString() : photo.getFileName().toString();
        } catch (java.io.IOException e) {
            return photo.getFileName().toString();
        }
    }

    /** The selected face's expression in one line: its AUs above 0, or neutral. */
    static String describe(AuVector aus) {
        Map<String, Float> map = aus.toMap();
        String set = map.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(", "));
        return "Expression (the selected face's sliders): " + (set.isEmpty() ? "neutral, all AUs at 0" : set);
    }

    /** An error as a sentence: the cause's own words, never a stack trace or an exception's name. */
    static String plainMessage(Throwable error) {
        return capitalised(PlainMessage.of(error));
    }

    private static String capitalised(String m) {
        return m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
