package dev.visualreview.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes the API key from a decoded JSON answer before any of it becomes a record: every string
 * value and every field name, after Jackson has undone the JSON escapes. A server or proxy that
 * echoes the key into a run's {@code error_message}, an identifier or a metadata key cannot bring
 * it into a report, a log or an exception.
 */
final class RedactedJson {
  private RedactedJson() {}

  /** Redacts {@code node} in place (its strings and field names) and returns it. */
  static JsonNode redact(JsonNode node, ApiKey key) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      boolean renamed = false;
      for (Map.Entry<String, JsonNode> field : fields) {
        renamed |= !key.redact(field.getKey()).equals(field.getKey());
      }
      if (renamed) {
        object.removeAll();
      }
      for (Map.Entry<String, JsonNode> field : fields) {
        object.set(key.redact(field.getKey()), redact(field.getValue(), key));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redact(array.get(i), key));
      }
    } else if (node instanceof TextNode text) {
      String value = text.textValue();
      String redacted = key.redact(value);
      return redacted.equals(value) ? node : TextNode.valueOf(redacted);
    }
    return node;
  }
}
