package dev.visualreview.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract server is strict: these are the mistakes it must catch in a client. */
class ContractServerTest {
  private final ContractServer server = ContractServer.start();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void close() {
    server.close();
  }

  private HttpResponse<String> send(
      String method, String path, String contentType, String body, boolean auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.host() + "/api/projects/2/visual_review" + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (auth) {
      b.header("Authorization", "Bearer " + server.apiKey());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send("POST", path, "application/json", body, true);
  }

  private String validRun(String extra) {
    return "{\"repo_id\":\""
        + server.repoId()
        + "\",\"run_type\":\"playwright\",\"commit_sha\":\"abc\","
        + "\"branch\":\"b\",\"snapshots\":[]"
        + extra
        + "}";
  }

  @Test
  void missingAndMistypedFieldsAnswer400InPostHogsShape() throws Exception {
    HttpResponse<String> missing =
        post(
            "/runs/",
            "{\"repo_id\":\""
                + server.repoId()
                + "\",\"run_type\":\"p\",\"commit_sha\":\"a\",\"snapshots\":[]}");
    assertThat(missing.statusCode()).isEqualTo(400);
    JsonNode n = json.readTree(missing.body());
    assertThat(n.get("type").asText()).isEqualTo("validation_error");
    assertThat(n.get("code").asText()).isEqualTo("required");
    assertThat(n.get("attr").asText()).isEqualTo("branch");

    assertThat(
            json.readTree(post("/runs/", validRun(",\"pr_number\":\"12\"")).body())
                .get("attr")
                .asText())
        .isEqualTo("pr_number");
    assertThat(
            json.readTree(post("/runs/", validRun(",\"is_partial\":\"yes\"")).body())
                .get("attr")
                .asText())
        .isEqualTo("is_partial");
    assertThat(
            json.readTree(post("/runs/", validRun(",\"purpose\":\"ship\"")).body())
                .get("attr")
                .asText())
        .isEqualTo("purpose");
    String badItem =
        validRun("")
            .replace(
                "\"snapshots\":[]",
                "\"snapshots\":[{\"identifier\":\"a\",\"content_hash\":\"XYZ\"}]");
    assertThat(json.readTree(post("/runs/", badItem).body()).get("attr").asText())
        .isEqualTo("snapshots__0__content_hash");
    assertThat(post("/runs/", validRun("")).statusCode()).isEqualTo(201);
  }

  @Test
  void theKeyJsonContentTypeAndTrailingSlashAreRequired() throws Exception {
    assertThat(send("GET", "/repos/", "application/json", null, false).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/repos/", null, null, true).statusCode()).isEqualTo(415);
    assertThat(send("GET", "/repos", "application/json", null, true).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/repos/", "application/json", null, true).statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/repos/", "application/json", null, true).statusCode())
        .isEqualTo(405);
    assertThat(server.requests())
        .allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("Authorization"));
  }

  @Test
  void addSnapshotsIsRefusedOnceTheRunIsNoLongerPending() throws Exception {
    String runId = json.readTree(post("/runs/", validRun("")).body()).get("run_id").asText();
    assertThat(post("/runs/" + runId + "/complete/", "{}").statusCode()).isEqualTo(200);
    HttpResponse<String> late = post("/runs/" + runId + "/add-snapshots/", "{\"snapshots\":[]}");
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(late.body()).contains("Invalid request");
    assertThat(server.run(runId).status()).isEqualTo("completed");
  }

  @Test
  void fakeS3ChecksFieldOrderContentTypeAndSize() throws Exception {
    byte[] png = TestPngs.numbered(1);
    String hash = TestPngs.hash(png);
    String create =
        validRun("")
            .replace(
                "\"snapshots\":[]",
                "\"snapshots\":[{\"identifier\":\"a\",\"content_hash\":\"" + hash + "\"}]");
    JsonNode target = json.readTree(post("/runs/", create).body()).get("uploads").get(0);
    JsonNode fields = target.get("fields");

    assertThat(upload(target, fields, "image/png", png, false).statusCode()).isEqualTo(204);
    HttpResponse<String> wrongOrder = upload(target, fields, "image/png", png, true);
    assertThat(wrongOrder.statusCode()).isEqualTo(400);
    assertThat(wrongOrder.body()).contains("<Code>InvalidArgument</Code>", "file last");
    HttpResponse<String> notImage = upload(target, fields, "text/plain", png, false);
    assertThat(notImage.statusCode()).isEqualTo(403);
    assertThat(notImage.body()).contains("starts-with", "$Content-Type");
    HttpResponse<String> big =
        upload(target, fields, "image/png", new byte[10 * 1024 * 1024 + 1], false);
    assertThat(big.statusCode()).isEqualTo(400);
    assertThat(big.body()).contains("<Code>EntityTooLarge</Code>");
    ((com.fasterxml.jackson.databind.node.ObjectNode) fields).put("x-amz-signature", "00");
    assertThat(upload(target, fields, "image/png", png, false).body())
        .contains("SignatureDoesNotMatch");
    assertThat(server.uploadsAccepted()).isEqualTo(1);
  }

  private HttpResponse<String> upload(
      JsonNode target, JsonNode fields, String type, byte[] file, boolean fileFirst)
      throws Exception {
    String boundary = "b0undary";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (fileFirst) {
      filePart(out, boundary, file);
    }
    for (Map.Entry<String, JsonNode> e : fields.properties()) {
      field(out, boundary, e.getKey(), e.getValue().asText());
    }
    field(out, boundary, "Content-Type", type);
    if (!fileFirst) {
      filePart(out, boundary, file);
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(target.get("url").asText()))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void filePart(ByteArrayOutputStream out, String boundary, byte[] file) {
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }
}
