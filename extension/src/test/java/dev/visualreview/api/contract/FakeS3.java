package dev.visualreview.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The contract server's object storage: issues presigned POST policies and accepts uploads the way
 * S3 does, checking field order, signature, expiry, the policy's conditions, the {@code image/}
 * content type and the 10 MiB limit, and answering S3's XML errors.
 */
final class FakeS3 {
  static final long MAX_UPLOAD = 10L * 1024 * 1024;
  private static final byte[] POLICY_SECRET =
      "contract-server-policy-secret!!!".getBytes(StandardCharsets.UTF_8);

  private final ObjectMapper json = new ObjectMapper();
  private final Faults faults;
  private final String host;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();

  FakeS3(Faults faults, String host) {
    this.faults = faults;
    this.host = host;
  }

  /** The stored object, or null. */
  byte[] object(String key) {
    return objects.get(key);
  }

  int maxConcurrent() {
    return maxInFlight.get();
  }

  int accepted() {
    return accepted.get();
  }

  /** Presigned POST targets for these hashes of a repo. */
  ArrayNode targets(String repoId, List<String> hashes, Duration policyLifetime) {
    ArrayNode out = json.createArrayNode();
    for (String hash : hashes) {
      String key = objectKey(repoId, hash);
      ObjectNode t = out.addObject();
      t.put("content_hash", hash);
      t.put("url", host + "/s3/upload");
      ObjectNode fields = t.putObject("fields");
      String date = "20260101T000000Z";
      String credential = "CONTRACTTESTACCESSKEY/20260101/us-east-1/s3/aws4_request";
      ObjectNode policy = json.createObjectNode();
      policy.put("expiration", Instant.now().plus(policyLifetime).toString());
      ArrayNode conditions = policy.putArray("conditions");
      conditions.addObject().put("bucket", "posthog");
      conditions.addObject().put("key", key);
      conditions.addArray().add("content-length-range").add(0).add(MAX_UPLOAD);
      conditions.addArray().add("starts-with").add("$Content-Type").add("image/");
      conditions.addObject().put("x-amz-algorithm", "AWS4-HMAC-SHA256");
      conditions.addObject().put("x-amz-credential", credential);
      conditions.addObject().put("x-amz-date", date);
      String policyB64 =
          Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));
      fields.put("key", key);
      fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
      fields.put("x-amz-credential", credential);
      fields.put("x-amz-date", date);
      fields.put("policy", policyB64);
      fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(POLICY_SECRET, policyB64)));
    }
    return out;
  }

  static String objectKey(String repoId, String hash) {
    return "visual_review/" + repoId + "/" + hash.substring(0, 2) + "/" + hash;
  }

  /** Handles one presigned POST. */
  Answer handle(String method, String contentType, byte[] body) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      sleep(faults.s3Delay());
      if (!method.equals("POST")) {
        return s3Error(
            405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
      }
      Faults.S3Refusal refusal = faults.takeS3Refusal();
      if (refusal != null) {
        return s3Error(refusal.status(), refusal.code(), refusal.message());
      }
      List<Multiparts.Part> parts;
      try {
        parts = Multiparts.parse(body, Multiparts.boundary(contentType));
      } catch (IllegalArgumentException e) {
        return s3Error(
            400,
            "MalformedPOSTRequest",
            "The body of your POST request is not well-formed multipart/form-data: "
                + e.getMessage());
      }
      return acceptUpload(parts);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static final List<String> POLICY_FIELDS =
      List.of(
          "key", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature");

  private Answer acceptUpload(List<Multiparts.Part> parts) {
    List<String> names = new ArrayList<>();
    parts.forEach(p -> names.add(p.name()));
    List<String> expected = new ArrayList<>(POLICY_FIELDS);
    expected.add("Content-Type");
    expected.add("file");
    if (!names.equals(expected)) {
      return s3Error(
          400,
          "InvalidArgument",
          "Form fields must be the presigned fields in order, then Content-Type, then file last; got "
              + names);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Multiparts.Part p : parts.subList(0, parts.size() - 1)) {
      fields.put(p.name(), p.text());
    }
    String policyB64 = fields.get("policy");
    if (!HexFormat.of()
        .formatHex(hmac(POLICY_SECRET, policyB64))
        .equals(fields.get("x-amz-signature"))) {
      return s3Error(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.");
    }
    JsonNode policy;
    try {
      policy = json.readTree(Base64.getDecoder().decode(policyB64));
    } catch (IOException | IllegalArgumentException e) {
      return s3Error(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.");
    }
    if (Instant.parse(policy.get("expiration").asText()).isBefore(Instant.now())) {
      return s3Error(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
    }
    String key = null;
    for (JsonNode c : policy.get("conditions")) {
      if (c.isObject() && c.has("key")) {
        key = c.get("key").asText();
      }
      if (c.isObject()) {
        for (var e : c.properties()) {
          if (!e.getKey().equals("bucket")
              && !e.getValue().asText().equals(fields.get(e.getKey()))) {
            return s3Error(
                403,
                "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$"
                    + e.getKey()
                    + "\", \""
                    + e.getValue().asText()
                    + "\"]");
          }
        }
      }
    }
    String type = fields.get("Content-Type");
    if (type == null || !type.startsWith("image/")) {
      return s3Error(
          403,
          "AccessDenied",
          "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$Content-Type\", \"image/\"]");
    }
    Multiparts.Part file = parts.get(parts.size() - 1);
    if (file.content().length > MAX_UPLOAD) {
      return s3Error(
          400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    }
    objects.putIfAbsent(key, file.content());
    accepted.incrementAndGet();
    return new Answer(204, "text/plain", new byte[0], Map.of());
  }

  static Answer s3Error(int status, String code, String message) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message><RequestId>CONTRACT0000</RequestId></Error>";
    return new Answer(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static byte[] hmac(byte[] secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(Duration d) {
    if (d == null || d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
