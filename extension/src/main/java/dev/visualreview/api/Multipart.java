package dev.visualreview.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The presigned-POST form: every field S3 returned, in order, then {@code Content-Type: image/png},
 * then the {@code file} part last (visual-review-api.md section 4).
 */
final class Multipart {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String boundary;
  private final byte[] body;

  private Multipart(String boundary, byte[] body) {
    this.boundary = boundary;
    this.body = body;
  }

  static Multipart presignedPost(Map<String, String> fields, byte[] png) {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    String boundary = "----visualreview" + HexFormat.of().formatHex(random);
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 2048);
    for (Map.Entry<String, String> field : fields.entrySet()) {
      field(out, boundary, field.getKey(), field.getValue());
    }
    field(out, boundary, "Content-Type", "image/png");
    write(out, "--" + boundary + "\r\n");
    write(out, "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n");
    write(out, "Content-Type: image/png\r\n\r\n");
    out.writeBytes(png);
    write(out, "\r\n--" + boundary + "--\r\n");
    return new Multipart(boundary, out.toByteArray());
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  byte[] body() {
    return body;
  }

  private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
    write(out, "--" + boundary + "\r\n");
    write(
        out, "Content-Disposition: form-data; name=\"" + name.replace("\"", "%22") + "\"\r\n\r\n");
    write(out, (value == null ? "" : value) + "\r\n");
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
