package org.ganimationstudio.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * A seeded mutation fuzzer's mutations: byte flips, interesting values, cut, duplicated and removed
 * ranges, and (for text) token swaps that keep JSON half-valid so parsers get past the first byte.
 */
public final class Mutator {

    private static final int[] INTERESTING = {0, 1, 0x7f, 0x80, 0xff, 0xfe, '{', '}', '[', ']', '"', ',', ':', '-', '9', 'e'};
    private static final String[] TOKENS = {"null", "true", "-1", "0", "1e308", "-1e308", "NaN", "\"\"", "[]", "{}",
            "99999999999999999999", "\"AU99\"", "\"../../x\"", "[[[[[[[[[[[[[[[[", "1.5", "\"\\u0000\"", "65536"};

    private final Random rng;

    public Mutator(long seed) {
        this.rng = new Random(seed);
    }

    public Random random() {
        return rng;
    }

    /** One to four mutations of a copy of {@code input}. */
    public byte[] mutate(byte[] input) {
        byte[] b = input.clone();
        int n = 1 + rng.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            b = switch (rng.nextInt(7)) {
                case 0 -> flipBit(b);
                case 1 -> setByte(b);
                case 2 -> Arrays.copyOf(b, rng.nextInt(b.length + 1));
                case 3 -> duplicateRange(b);
                case 4 -> removeRange(b);
                case 5 -> setInt(b);
                default -> setRun(b);
            };
        }
        return b;
    }

    /** Mutations of JSON text: a token put in place of a value, or byte-level mutations. */
    public String mutateJson(String json) {
        if (rng.nextBoolean()) {
            return new String(mutate(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        }
        StringBuilder s = new StringBuilder(json);
        int n = 1 + rng.nextInt(3);
        for (int i = 0; i < n; i++) {
            // replace the value after a random ':' (or an array element after a random ',') with a token
            int at = s.indexOf(rng.nextBoolean() ? ":" : ",", rng.nextInt(Math.max(1, s.length())));
            if (at < 0) {
                continue;
            }
            int end = at + 1;
            while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            s.replace(at + 1, end, " " + TOKENS[rng.nextInt(TOKENS.length)]);
        }
        return s.toString();
    }

    private byte[] flipBit(byte[] b) {
        b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
        return b;
    }

    private byte[] setByte(byte[] b) {
        b[rng.nextInt(b.length)] = (byte) INTERESTING[rng.nextInt(INTERESTING.length)];
        return b;
    }

    private byte[] setInt(byte[] b) {
        if (b.length < 4) {
            return b;
        }
        int at = rng.nextInt(b.length - 3);
        int v = switch (rng.nextInt(4)) {
            case 0 -> Integer.MAX_VALUE;
            case 1 -> 0;
            case 2 -> -1;
            default -> 65_535 + rng.nextInt(100_000);
        };
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return b;
    }

    private byte[] setRun(byte[] b) {
        int at = rng.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rng.nextInt(64));
        Arrays.fill(b, at, at + len, (byte) INTERESTING[rng.nextInt(INTERESTING.length)]);
        return b;
    }

    private byte[] duplicateRange(byte[] b) {
        int at = rng.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rng.nextInt(256));
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at + len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
    }

    private byte[] removeRange(byte[] b) {
        int at = rng.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rng.nextInt(256));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
    }

    /** Iterations for a fuzz loop: {@code -Dfuzz.iterations=N}, else {@code dflt}. */
    public static int iterations(int dflt) {
        return Integer.getInteger("fuzz.iterations", dflt);
    }
}
