package dev.visualreview.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One answer of the contract server: status, content type, body and extra headers. */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
  static Answer json(int status, JsonNode node) {
    return new Answer(
        status, "application/json", node.toString().getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
