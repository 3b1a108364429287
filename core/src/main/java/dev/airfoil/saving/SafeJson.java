package dev.airfoil.saving;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON for model files: plain maps, lists, strings, numbers and booleans only (no typing, no
 * class names), duplicate keys refused, nesting, string and number lengths capped.
 */
final class SafeJson {
    private static final int MAX_DEPTH = 256;

    private SafeJson() {
    }

    private static JsonMapper mapper(long maxDocumentBytes) {
        StreamReadConstraints c = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(maxDocumentBytes)
                .maxNumberLength(400)
                .maxNameLength(100_000)
                .maxStringLength(50_000_000)
                .build();
        JsonFactory f = JsonFactory.builder().streamReadConstraints(c)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return JsonMapper.builder(f).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    private static final JsonMapper WRITER = JsonMapper.builder().build();

    /** Parses a JSON object, naming {@code entry} in every error. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(byte[] bytes, String entry, long maxBytes) throws InvalidModelFileException {
        if (bytes.length > maxBytes) {
            throw new InvalidModelFileException(entry, null, "is " + bytes.length + " bytes, more than the limit of "
                    + maxBytes + " bytes for JSON");
        }
        Object v;
        try {
            v = mapper(maxBytes).readValue(bytes, Object.class);
        } catch (JacksonException e) {
            throw new InvalidModelFileException(entry, null, "not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidModelFileException(entry, null, "not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (!(v instanceof Map)) {
            throw new InvalidModelFileException(entry, null, "must be a JSON object, found "
                    + (v == null ? "null" : v instanceof java.util.List ? "an array" : "a " + v.getClass().getSimpleName()));
        }
        return (Map<String, Object>) v;
    }

    /** Compact UTF-8 JSON of plain values. */
    static byte[] write(Object value) {
        return WRITER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Indented UTF-8 JSON of plain values (for human-readable entries). */
    static byte[] writePretty(Object value) {
        return WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
