package org.ganimationstudio.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one way JSON inputs are read: expression files, keyframe timelines, model.json and presets.
 * Strict (an unknown key, a duplicate key, text after the value, a number written as text are refused),
 * bounded (file size, nesting depth, number and text lengths are capped before they cost memory), and
 * every refusal is a {@link JsonInputException} in plain words naming the file, the place and the key.
 */
public final class JsonInput {

    /** Largest JSON input read (4 MiB): a keyframes file of 600 s at 120 fps fits many times over. */
    public static final long MAX_BYTES = 4L << 20;
    /** Deepest nesting of objects and lists. */
    public static final int MAX_DEPTH = 64;
    /** Longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Longest text value, in characters. */
    public static final int MAX_STRING_LENGTH = 100_000;
    /** Longest key, in characters. */
    public static final int MAX_NAME_LENGTH = 1_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .maxDocumentLength(MAX_BYTES)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("Unexpected character \\('(.+?)' \\(code");
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("(?:Unrecognized|Non-standard) token '(.{1,40}?)'");
    private static final Pattern CLOSE_MARKER = Pattern.compile("Unexpected close marker '(.)'");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.{1,80}?)'");

    private JsonInput() {
    }

    /** Reads a JSON file as a tree; {@code what} names it in messages ("keyframes file", "expression file"). */
    public static JsonNode read(Path file, String what) {
        return parse(bytesOf(file, what), file.getFileName().toString(), null);
    }

    /** Reads a JSON file into {@code type}, whose record components are the only keys allowed. */
    public static <T> T read(Path file, Class<T> type, String what) {
        return parse(bytesOf(file, what), file.getFileName().toString(), type);
    }

    /** Parses JSON text; {@code where} names it in messages. */
    public static JsonNode parse(String text, String where) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(where, bytes.length);
        }
        return parse(bytes, where, null);
    }

    /** Parses JSON bytes (at most {@link #MAX_BYTES}). */
    public static JsonNode parse(byte[] bytes, String where) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(where, bytes.length);
        }
        return parse(bytes, where, null);
    }

    /**
     * Refuses any key of {@code object} that is not in {@code allowed} and not matched by {@code alsoAllowed}
     * (described as {@code alsoDescribed} in the message, e.g. "AU codes such as AU12").
     */
    public static void checkKeys(JsonNode object, String where, Collection<String> allowed,
                                 Predicate<String> alsoAllowed, String alsoDescribed) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key) && (alsoAllowed == null || !alsoAllowed.test(key))) {
                throw new JsonInputException(where + ": unknown key '" + shorten(key) + "'; allowed keys: "
                        + String.join(", ", allowed) + (alsoDescribed == null ? "" : ", and " + alsoDescribed));
            }
        }
    }

    public static void checkKeys(JsonNode object, String where, Collection<String> allowed) {
        checkKeys(object, where, allowed, null, null);
    }

    /** The text value {@code name} of {@code object}, or {@code fallback} when absent; refused when not text. */
    public static String text(JsonNode object, String name, String where, String fallback) {
        JsonNode n = object.get(name);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new JsonInputException(where + ": '" + name + "' must be text in quotes, got " + kindOf(n));
        }
        return n.asText();
    }

    /** The number {@code n} (named {@code name}); refused when absent, not a number, or not finite. */
    public static double number(JsonNode n, String name, String where) {
        if (n == null || !n.isNumber()) {
            throw new JsonInputException(where + ": '" + name + "' must be a number, got "
                    + (n == null ? "nothing" : kindOf(n)));
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw new JsonInputException(where + ": '" + name + "' is too large a number");
        }
        return v;
    }

    /** "text", "a list", "an object", … for messages about a value of the wrong kind. */
    public static String kindOf(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "text";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case BOOLEAN -> "true/false";
            case NULL -> "null";
            case NUMBER -> "a number";
            default -> "a value of another kind";
        };
    }

    private static byte[] bytesOf(Path file, String what) {
        String problem = PathKind.notAReadableFile(file, what);
        if (problem != null) {
            throw new JsonInputException(problem);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(file.getFileName().toString(), size);
            }
            if (size == 0) {
                throw new JsonInputException(file.getFileName() + " is empty; a " + what + " is JSON text");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new JsonInputException(file.getFileName() + " cannot be read"
                    + (e.getMessage() == null ? "" : " (" + e.getClass().getSimpleName().replace("Exception", "") + ")"), e);
        }
    }

    private static JsonInputException tooLarge(String where, long size) {
        return new JsonInputException(String.format(Locale.ROOT, "%s is %s; JSON inputs are limited to %d MB",
                where, size >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", size / 1048576.0) : size + " bytes",
                MAX_BYTES >> 20));
    }

    @SuppressWarnings("unchecked")
    private static <T> T parse(byte[] bytes, String where, Class<T> type) {
        try {
            if (type == null) {
                JsonNode node = MAPPER.readTree(bytes);
                if (node == null || node.isMissingNode()) {
                    throw new JsonInputException(where + " holds no JSON value");
                }
                return (T) node;
            }
            return MAPPER.readValue(bytes, type);
        } catch (JsonInputException e) {
            throw e;
        } catch (CharConversionException e) {
            throw new JsonInputException(where + " is not JSON text (its bytes are no UTF-8, UTF-16 or UTF-32)", e);
        } catch (IOException e) {
            throw new JsonInputException(where + describe(e), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new JsonInputException(where + " cannot be read as JSON", e);
        }
    }

    /** The reason, in plain words, after the file name: ", line 3: unknown key …". */
    private static String describe(IOException e) {
        String at = at(e);
        if (e instanceof StreamConstraintsException) {
            String m = String.valueOf(e.getMessage());
            String what = m.startsWith("Document nesting depth") ? "nests lists and objects deeper than " + MAX_DEPTH + " levels"
                    : m.startsWith("Number value length") ? "holds a number longer than " + MAX_NUMBER_LENGTH + " digits"
                    : m.startsWith("String value length") ? "holds a text longer than " + MAX_STRING_LENGTH + " characters"
                    : m.startsWith("Name length") ? "holds a key longer than " + MAX_NAME_LENGTH + " characters"
                    : m.startsWith("Document length") ? "is longer than " + (MAX_BYTES >> 20) + " MB"
                    : "is larger than JSON inputs may be";
            return at + ": " + what;
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String path = pathOf(u.getPath().subList(0, u.getPath().size() - 1));
            Collection<Object> known = u.getKnownPropertyIds() == null ? List.of() : u.getKnownPropertyIds();
            return at + ": unknown key '" + shorten(u.getPropertyName()) + "'" + (path.isEmpty() ? "" : " in '" + path + "'")
                    + "; allowed keys: " + known.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new))
                    .stream().collect(Collectors.joining(", "));
        }
        InputCoercionException range = causeOf(e, InputCoercionException.class);
        if (range != null) {
            String path = e instanceof JsonMappingException m ? pathOf(m.getPath()) : "";
            return at + ": " + (path.isEmpty() ? "a number" : "'" + path + "'") + " is out of range";
        }
        if (e instanceof MismatchedInputException m) {
            String msg = String.valueOf(m.getOriginalMessage());
            if (msg.startsWith("Trailing token")) {
                return at + ": there is more after the end of the JSON value; remove it";
            }
            if (msg.startsWith("No content to map")) {
                return " holds no JSON value";
            }
            String path = pathOf(m.getPath());
            if (msg.startsWith("Cannot map `null`") && !path.isEmpty()) {
                return at + ": '" + path + "' is missing (or null); it must be " + expected(m.getTargetType());
            }
            return at + ": " + (path.isEmpty() ? "the whole file" : "'" + path + "'") + " must be "
                    + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException m) {
            String path = pathOf(m.getPath());
            return at + ": " + (path.isEmpty() ? "a value" : "'" + path + "'") + " is not valid here";
        }
        if (e instanceof JsonProcessingException p) {
            String msg = String.valueOf(p.getOriginalMessage());
            Matcher dup = DUPLICATE.matcher(msg);
            if (dup.find()) {
                return at + ": the key '" + dup.group(1) + "' appears twice";
            }
            if (msg.contains("end-of-input")) {
                return at + ": this is not valid JSON: it ends too early (a bracket, brace or quote is not closed)";
            }
            Matcher tok = UNRECOGNIZED_TOKEN.matcher(msg);
            if (tok.find()) {
                return at + ": '" + tok.group(1) + "' is not a JSON value (text needs quotes; numbers must be finite)";
            }
            Matcher close = CLOSE_MARKER.matcher(msg);
            if (close.find()) {
                return at + ": this is not valid JSON: an extra or misplaced '" + close.group(1) + "'";
            }
            Matcher ch = UNEXPECTED_CHAR.matcher(msg);
            if (ch.find()) {
                return at + ": this is not valid JSON: unexpected '" + ch.group(1) + "'";
            }
            return at + ": this is not valid JSON";
        }
        return " cannot be read (" + e.getClass().getSimpleName().replace("Exception", "") + ")";
    }

    private static String at(IOException e) {
        JsonLocation loc = e instanceof JsonProcessingException p ? p.getLocation() : null;
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return ", line " + loc.getLineNr() + (loc.getColumnNr() > 0 ? ", column " + loc.getColumnNr() : "");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another kind";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text in quotes";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [ … ]";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object { … }";
        }
        return "of another kind";
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                parts.add(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                parts.add("[" + r.getIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static <X extends Throwable> X causeOf(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}
