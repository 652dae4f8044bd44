package org.ganimationstudio.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden temporary files an output is written to before it is moved into place. Their names carry
 * the writing process's id and start time ({@code .NAME~ganim-PID-START-RANDOM.part}), so a later run
 * can prove a part file is this program's and that its writer is dead (killed with SIGKILL, say)
 * before removing it; another program's {@code *.part} files and those of a run still going are left
 * alone. Names stay within the 255-byte limit of common file systems whatever the output's name.
 */
public final class PartFiles {

    /** The longest part of the output's name kept in a part file's name, in UTF-8 bytes. */
    static final int MAX_PREFIX_BYTES = 120;

    private static final Pattern NAME = Pattern.compile("^\\..*~ganim-(\\d+)-(\\d+)-[0-9a-f]{8}\\.part$", Pattern.DOTALL);
    private static final long PID = ProcessHandle.current().pid();
    private static final long STARTED = startOf(ProcessHandle.current());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Start times of one process read twice agree to the millisecond; allow for coarser clocks elsewhere. */
    private static final long START_TOLERANCE_MS = 1000;

    private PartFiles() {
    }

    /**
     * Creates an empty part file beside {@code target}, with the permissions a new file gets from the
     * umask (as the final output will have).
     */
    public static Path create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = truncate(target.getFileName().toString(), MAX_PREFIX_BYTES);
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[4];
            RANDOM.nextBytes(random);
            Path part = dir.resolve("." + prefix + "~ganim-" + PID + "-" + STARTED + "-" + HexFormat.of().formatHex(random)
                    + ".part");
            try {
                return Files.createFile(part);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** Whether {@code file} is a part file of this program (alive or not). */
    public static boolean isPart(Path file) {
        return NAME.matcher(file.getFileName().toString()).matches();
    }

    /** Whether {@code file} is a part file of this program whose writing process is gone. */
    public static boolean isStale(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return false;
        }
        long pid;
        long started;
        try {
            pid = Long.parseLong(m.group(1));
            started = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                // the same id with another start time is a new process that reused the id
                .filter(h -> started == 0 || startOf(h) == 0 || Math.abs(startOf(h) - started) <= START_TOLERANCE_MS)
                .isEmpty();
    }

    /**
     * Removes the stale part files in {@code dir} (and its sub-folders when {@code recursive}).
     *
     * @return how many were removed
     */
    public static int removeStale(Path dir, boolean recursive) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            for (Path p : s.filter(PartFiles::isStale).filter(Files::isRegularFile).toList()) {
                if (Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** At most {@code maxBytes} of {@code name} in UTF-8, never cutting a character in two. */
    static String truncate(String name, int maxBytes) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static long startOf(ProcessHandle h) {
        return h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }
}
