package dev.visualreview.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Strict request validation in PostHog's (DRF's) 400 shape, for the contract server. */
final class Fields {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID_RE =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern HASH_RE = Pattern.compile("^[0-9a-f]{64}$");

  private Fields() {}

  static ObjectNode object(byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new ValidationError(
          "parse_error",
          "JSON parse error - " + String.valueOf(e.getMessage()).split("\n")[0],
          null);
    }
    if (node == null || !node.isObject()) {
      throw new ValidationError(
          "invalid",
          "Invalid data. Expected a dictionary, but got "
              + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT))
              + ".",
          null);
    }
    return (ObjectNode) node;
  }

  static String uuid(ObjectNode body, String field) {
    String value = string(body, field, true, 36);
    if (!UUID_RE.matcher(value).matches()) {
      throw ValidationError.invalid(field, "Must be a valid UUID.");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  static String string(ObjectNode body, String field, boolean required, int maxLength) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw ValidationError.required(field);
      }
      return null;
    }
    if (!n.isTextual()) {
      throw ValidationError.invalid(field, "Not a valid string.");
    }
    String v = n.asText();
    if (required && v.isEmpty()) {
      throw new ValidationError("blank", "This field may not be blank.", field);
    }
    if (v.length() > maxLength) {
      throw new ValidationError(
          "max_length", "Ensure this field has no more than " + maxLength + " characters.", field);
    }
    return v;
  }

  static Integer optionalInt(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber()) {
      throw ValidationError.invalid(field, "A valid integer is required.");
    }
    return n.asInt();
  }

  static boolean optionalBool(ObjectNode body, String field, boolean fallback) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw ValidationError.invalid(field, "Must be a valid boolean.");
    }
    return n.asBoolean();
  }

  static ObjectNode optionalObject(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return JSON.createObjectNode();
    }
    if (!n.isObject()) {
      throw ValidationError.invalid(
          field,
          "Expected a dictionary of items but got type \""
              + n.getNodeType().name().toLowerCase(Locale.ROOT)
              + "\".");
    }
    return ((ObjectNode) n).deepCopy();
  }

  static List<SnapshotRow> manifest(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw ValidationError.required(field);
    }
    if (!n.isArray()) {
      throw ValidationError.invalid(
          field,
          "Expected a list of items but got type \""
              + n.getNodeType().name().toLowerCase(Locale.ROOT)
              + "\".");
    }
    List<SnapshotRow> rows = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode item = n.get(i);
      String prefix = field + "__" + i + "__";
      if (!item.isObject()) {
        throw ValidationError.invalid(field + "__" + i, "Invalid data. Expected a dictionary.");
      }
      ObjectNode o = (ObjectNode) item;
      String identifier;
      String hash;
      Integer width;
      Integer height;
      try {
        identifier = string(o, "identifier", true, 512);
        hash = string(o, "content_hash", true, 64);
        width = optionalInt(o, "width");
        height = optionalInt(o, "height");
      } catch (ValidationError e) {
        throw new ValidationError(e.code, e.getMessage(), prefix + e.attr);
      }
      if (!HASH_RE.matcher(hash).matches()) {
        throw ValidationError.invalid(
            prefix + "content_hash", "Must be a 64-character lowercase hex BLAKE3 hash.");
      }
      ObjectNode metadata;
      try {
        metadata = optionalObject(o, "metadata");
      } catch (ValidationError e) {
        throw new ValidationError(e.code, e.getMessage(), prefix + e.attr);
      }
      rows.add(new SnapshotRow(identifier, hash, width, height, metadata));
    }
    return rows;
  }

  static int intParam(Map<String, String> q, String name, int fallback) {
    String v = q.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int i = Integer.parseInt(v);
      if (i < 0) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ValidationError("invalid", "A valid integer is required.", name);
    }
  }

  static Map<String, String> parseQuery(String query) {
    Map<String, String> q = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return q;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.putIfAbsent(k, v);
    }
    return q;
  }
}
