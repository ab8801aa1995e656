package dev.visualreview.api;

import dev.visualreview.api.contract.ContractServer;
import dev.visualreview.api.contract.TestPngs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A contract server and a client pointed at it, with a sleeper that does not wait. */
final class ClientFixture implements AutoCloseable {
  final ContractServer server = ContractServer.start();
  final TestSleeper sleeper = new TestSleeper();
  final List<String> logs = new CopyOnWriteArrayList<>();
  final VisualReviewClient client;

  ClientFixture() {
    this(settings -> settings);
  }

  ClientFixture(java.util.function.UnaryOperator<ApiSettings> tweak) {
    ApiSettings settings =
        tweak.apply(
            ApiSettings.of(server.host(), server.projectId(), ApiKey.of(server.apiKey()))
                .withPolling(Duration.ofMillis(10), Duration.ofMillis(50)));
    client = new VisualReviewClient(settings, sleeper, logs::add);
  }

  VisualReviewClient clientWithKey(String key) {
    return new VisualReviewClient(
        ApiSettings.of(server.host(), server.projectId(), ApiKey.of(key)), sleeper, logs::add);
  }

  /** One snapshot: its manifest item and upload file. */
  record Shot(ManifestItem item, UploadFile file) {}

  static Shot shot(String identifier, int seed) {
    byte[] png = TestPngs.numbered(seed);
    String hash = TestPngs.hash(png);
    return new Shot(
        new ManifestItem(identifier, hash, 8, 6, Map.of("browser", "chromium")),
        new UploadFile(hash, png, identifier));
  }

  CreateRunRequest createRequest(String branch, List<Shot> shots) {
    List<ManifestItem> items = new ArrayList<>();
    shots.forEach(s -> items.add(s.item()));
    return new CreateRunRequest(
        server.repoId(),
        "playwright",
        "0123456789abcdef0123456789abcdef01234567",
        branch,
        42,
        "review",
        Map.of("github_run_id", "9876543210"),
        false,
        items);
  }

  static List<UploadFile> files(List<Shot> shots) {
    List<UploadFile> files = new ArrayList<>();
    shots.forEach(s -> files.add(s.file()));
    return files;
  }

  @Override
  public void close() {
    server.close();
  }
}
