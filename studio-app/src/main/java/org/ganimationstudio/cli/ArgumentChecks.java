package org.ganimationstudio.cli;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ganimationstudio.model.PathKind;
import org.ganimationstudio.service.PlainMessage;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Checks a parsed command line before its command runs: every number against its {@link Range} and every
 * path against its {@link PathRole}. A bad value is a {@link ParameterException} (exit status 2) naming the
 * option and what it takes, found before any photo, model or encoder is opened.
 */
final class ArgumentChecks {

    private ArgumentChecks() {
    }

    /** Checks the options of every command on the command line (the root and its subcommands). */
    static void check(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            CommandLine cl = p.commandSpec().commandLine();
            for (ArgSpec arg : p.commandSpec().args()) {
                Field field = fieldOf(arg);
                if (field == null) {
                    continue;
                }
                Range range = field.getAnnotation(Range.class);
                if (range != null) {
                    checkRange(cl, arg, range);
                }
                PathRole role = field.getAnnotation(PathRole.class);
                if (role != null && arg.getValue() instanceof Path path) {
                    checkPath(cl, arg, role, path);
                }
            }
        }
    }

    /** The annotated field behind an option, or null for one that is not a field. */
    static Field fieldOf(ArgSpec arg) {
        return arg.userObject() instanceof Field f ? f : null;
    }

    /** The name of an option in messages: its longest name, or the label of a positional parameter. */
    static String nameOf(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    /**
     * Runs checks of argument values that need more than their own range (an output's extension, a preset
     * name, the contents of an expression or keyframes file, options that contradict each other): what they
     * refuse is a bad argument, exit status 2.
     */
    static <T> T arguments(CommandSpec spec, Callable<T> checks) throws Exception {
        try {
            return checks.call();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), PlainMessage.of(e), e);
        }
    }

    static void arguments(CommandSpec spec, CheckedRunnable checks) throws Exception {
        arguments(spec, () -> {
            checks.run();
            return null;
        });
    }

    /** A check that may throw. */
    interface CheckedRunnable {
        void run() throws Exception;
    }

    /** A bad argument found later (a box outside the photo it was meant for). */
    static ParameterException bad(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void checkRange(CommandLine cl, ArgSpec arg, Range range) {
        Object value = arg.getValue();
        if (value == null) {
            return;
        }
        List<?> values;
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            values = java.util.stream.IntStream.range(0, n).mapToObj(i -> Array.get(value, i)).toList();
        } else if (value instanceof Collection<?> c) {
            values = List.copyOf(c);
        } else {
            values = List.of(value);
        }
        if (values.size() > range.maxValues()) {
            throw new ParameterException(cl, nameOf(arg) + " takes at most " + range.maxValues() + " values, got "
                    + values.size());
        }
        for (Object v : values) {
            double d = ((Number) v).doubleValue();
            boolean low = range.aboveMin() ? !(d > range.min()) : !(d >= range.min());
            if (low || !(d <= range.max())) {
                throw new ParameterException(cl, nameOf(arg) + " must be " + describe(range) + ", got " + v);
            }
        }
    }

    /** "within 16 to 4096 pixels", "more than 0 and at most 600 s". */
    static String describe(Range r) {
        String unit = r.unit().isEmpty() ? "" : " " + r.unit();
        return r.aboveMin()
                ? "more than " + number(r.min()) + " and at most " + number(r.max()) + unit
                : "within " + number(r.min()) + " to " + number(r.max()) + unit;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e18) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Double.toString(v);
    }

    private static void checkPath(CommandLine cl, ArgSpec arg, PathRole role, Path path) {
        String problem = switch (role.value()) {
            case INPUT_FILE -> PathKind.notAReadableFile(path, role.what());
            case INPUT_FOLDER -> PathKind.notAFolder(path, role.what());
            case OUTPUT_FILE -> {
                String kind = PathKind.of(path);
                yield kind == null || kind.equals("a file") ? null
                        : path + " is " + kind + ", not a file to write the " + role.what() + " to";
            }
            case OUTPUT_FOLDER -> {
                String kind = PathKind.of(path);
                yield kind == null || kind.equals("a folder") ? null
                        : path + " is " + kind + ", not a folder for the " + role.what();
            }
        };
        if (problem != null) {
            throw new ParameterException(cl, nameOf(arg) + ": " + problem);
        }
    }
}
