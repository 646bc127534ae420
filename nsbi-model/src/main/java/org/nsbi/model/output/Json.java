package org.nsbi.model.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.List;
import java.util.Map;
import org.nsbi.model.UserError;

/**
 * The run's JSON files: records of {@code org.nsbi.model.output} written pretty and read back strictly. A record
 * component {@code sumWAsimov} is the field {@code sum_w_asimov} (each capital letter becomes an underscore and the
 * small letter); every field is written, null ones as null, and reading refuses a missing or unknown field.
 */
public final class Json {

    /** Each capital letter becomes '_' and its small letter: sumWAsimov -> sum_w_asimov. */
    static final PropertyNamingStrategies.NamingBase SNAKE = new PropertyNamingStrategies.NamingBase() {
        private static final long serialVersionUID = 1L;

        @Override
        public String translate(String name) {
            StringBuilder sb = new StringBuilder(name.length() + 4);
            for (char c : name.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    sb.append('_').append(Character.toLowerCase(c));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(SNAKE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a record back.
     *
     * @param source names the file in messages
     * @throws UserError naming the file and the field when the text is not such a record
     */
    public static <T> T read(String text, Class<T> type, String source) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw notA(type, source, e);
        }
    }

    /** The reading error in words: the file, the field (its path in the JSON) and what was wrong with it. */
    private static UserError notA(Class<?> type, String source, JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        java.util.regex.Matcher missing = java.util.regex.Pattern.compile("Missing creator property '([^']+)'").matcher(problem);
        boolean named = true; // the problem names the field: the path is its parent's
        if (e instanceof UnrecognizedPropertyException u) {
            problem = "unknown field '" + u.getPropertyName() + "'";
        } else if (missing.find()) {
            problem = "missing field '" + missing.group(1) + "'";
        } else {
            named = false;
            if (problem.startsWith("Cannot map `null`")) {
                problem = "null where a number or true/false is expected";
            }
        }
        String at = "";
        if (e instanceof JsonMappingException m) {
            List<JsonMappingException.Reference> refs = m.getPath();
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : refs.subList(0, Math.max(0, refs.size() - (named ? 1 : 0)))) {
                path.append(r.getFieldName() != null ? (path.isEmpty() ? "" : ".") + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            at = path.isEmpty() ? "" : " in " + path;
        }
        return new UserError(source + ": " + problem + at + "; expected a " + type.getSimpleName()
                + " as nsbi writes it (README.md, Outputs)", e);
    }

    /** The JSON tree of a file's text; {@code source} names the file in messages. */
    public static JsonNode readTree(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserError(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A record from a tree read by {@link #readTree}. */
    public static <T> T read(JsonNode tree, Class<T> type, String source) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw notA(type, source, e);
        }
    }

    /** The JSON tree of a value, for showing its fields generically (the report's settings table). */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The JSON field names of a record type, in order. */
    public static List<String> fieldNames(Class<?> type) {
        return MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).toList();
    }

    /** An untyped JSON object (for the files that have no record yet: coverage.json). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMap(String text, String what) {
        try {
            return MAPPER.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new UserError(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
