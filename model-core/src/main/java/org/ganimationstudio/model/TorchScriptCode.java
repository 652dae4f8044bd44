package org.ganimationstudio.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the code a TorchScript archive carries (its {@code code/*.py} entries) before anything runs it, and
 * refuses loops that need not end. A forward pass cannot be interrupted once it is in native code, and a JVM
 * that exits while one runs can crash, so a network that could loop forever must never start.
 * Convolutional networks need none: their code has only {@code for} loops over small literal ranges.
 */
final class TorchScriptCode {

    /** The most code read from one archive; a network's code is a few hundred kilobytes. */
    static final long MAX_CODE_BYTES = 16L << 20;
    /** The largest literal loop bound accepted. */
    static final long MAX_LOOP_BOUND = 100_000;

    private static final Pattern WHILE = Pattern.compile("(?m)^\\s*while\\b");
    private static final Pattern RANGE_LITERAL = Pattern.compile("\\brange\\(\\s*(\\d+)\\s*\\)");

    private TorchScriptCode() {
    }

    static void check(Path file, String name) throws InvalidModelException {
        long read = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().contains("/code/") || !e.getName().endsWith(".py")) {
                    continue;
                }
                byte[] code;
                try (InputStream in = zip.getInputStream(e)) {
                    code = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_CODE_BYTES - read + 1));
                }
                read += code.length;
                if (read > MAX_CODE_BYTES) {
                    throw new InvalidModelException(name + " carries more than " + (MAX_CODE_BYTES >> 20)
                            + " MB of code: that is no image network");
                }
                String text = new String(code, StandardCharsets.UTF_8);
                if (WHILE.matcher(text).find()) {
                    throw new InvalidModelException(name + " holds a 'while' loop (" + e.getName() + "): a network "
                            + "that could run forever is not run");
                }
                Matcher m = RANGE_LITERAL.matcher(text);
                while (m.find()) {
                    if (m.group(1).length() > 18 || Long.parseLong(m.group(1)) > MAX_LOOP_BOUND) {
                        throw new InvalidModelException(name + " holds a loop of " + m.group(1) + " steps ("
                                + e.getName() + "): a network that could run for hours is not run");
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidModelException(name + " is not a TorchScript archive (" + e.getMessage() + ")", e);
        }
    }
}
