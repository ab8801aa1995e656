package dev.visualreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.image.ContentHash;
import dev.visualreview.report.Reports;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.local.LocalBackend;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code review} from a terminal, through {@link Main}, on a real local run. */
class ReviewCommandTest {
  @TempDir Path work;
  Path module;
  String stdout;
  String stderr;
  final Map<String, String> env = new HashMap<>();
  final List<URI> opened = new ArrayList<>();

  static byte[] png(Color box) throws Exception {
    BufferedImage img = new BufferedImage(120, 80, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 120, 80);
    g.setColor(box);
    g.fillRect(20, 20, 60, 40);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** A module "shop" under the working folder, after a run with one changed and one new shot. */
  @BeforeEach
  void aModuleAfterARun() throws Exception {
    module = work.resolve("shop");
    Path baselines = module.resolve("src/test/visual-baselines");
    Files.createDirectories(baselines);
    Files.write(baselines.resolve("Cart--total--price.png"), png(Color.BLUE));
    Files.write(baselines.resolve("Home--ok--same.png"), png(Color.BLACK));
    LocalBackend backend =
        new LocalBackend(
            LocalBackend.Settings.builder(module, true, Map.of()).imageStore(null, 1).build());
    backend.open();
    backend.judgeNow(
        List.of(
            snapshot("Cart--total--price", png(Color.RED)),
            snapshot("Home--hero--new", png(Color.GREEN)),
            snapshot("Home--ok--same", png(Color.BLACK))));
    Reports.write(backend.complete(), module.resolve("target/visual-review"));
  }

  static Snapshot snapshot(String id, byte[] png) {
    var h = ContentHash.of(png);
    return new Snapshot(id, png, h.contentHash(), h.width(), h.height(), Map.of(), "T.m()");
  }

  int review(Path dir, String... args) {
    List<String> all = new ArrayList<>(List.of("review"));
    all.addAll(List.of(args));
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            String text = toString(StandardCharsets.UTF_8);
            if (text.startsWith("http://") && text.contains("\n")) {
              lastPrinted.compareAndSet(null, text.substring(0, text.indexOf('\n')));
            }
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            dir,
            (uri, log) -> opened.add(uri));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void listPrintsWhatNeedsReviewAndExitsOne() {
    assertThat(review(module, "--list")).isEqualTo(1);
    assertThat(stdout.lines().toList())
        .containsExactly(
            "changed: Cart--total--price (25.00% diff, pixel)", "new: Home--hero--new");
    assertThat(stderr).contains("2 snapshot(s) need review", "--accept-all");
  }

  @Test
  void theOnlyModuleWithAReportIsFoundFromTheParentFolder() {
    assertThat(review(work, "--list")).isEqualTo(1);
    assertThat(stderr)
        .contains("Reviewing the report in " + module.resolve("target/visual-review"));
    assertThat(stdout).contains("new: Home--hero--new");
  }

  @Test
  void acceptingSomeExitsOneUntilNothingIsLeftThenZero() throws Exception {
    assertThat(review(module, "--accept", "Cart--total--price")).isEqualTo(1);
    assertThat(stderr)
        .contains("accepted Cart--total--price: baseline written to")
        .contains("1 snapshot(s) still need review");
    assertThat(module.resolve("src/test/visual-baselines/Cart--total--price.png"))
        .hasBinaryContent(png(Color.RED));

    assertThat(review(module, "--accept-all")).isEqualTo(0);
    assertThat(stderr).contains("accepted Home--hero--new", "Nothing left to review.");
    assertThat(review(module, "--list")).isEqualTo(0);
    assertThat(stdout).isEmpty();
    assertThat(stderr).contains("Nothing needs review.");
  }

  @Test
  void unknownIdentifiersAreAnErrorNamingCloseMatches() throws Exception {
    assertThat(review(module, "--accept", "Cart--totl--price", "Home--hero--new")).isEqualTo(2);
    assertThat(stderr)
        .contains("no snapshot 'Cart--totl--price' in this run")
        .contains("did you mean Cart--total--price?")
        .contains("Nothing was changed.");
    assertThat(module.resolve("src/test/visual-baselines/Home--hero--new.png")).doesNotExist();
  }

  @Test
  void badInputExitsTwoWithTheReason() {
    assertThat(review(module, "--accept")).isEqualTo(2);
    assertThat(stderr).contains("--accept needs at least one value");
    assertThat(review(module, "--list", "--accept-all")).isEqualTo(2);
    assertThat(review(module, "--bogus")).isEqualTo(2);
    assertThat(stderr).contains("unknown option '--bogus'");
    assertThat(review(module, "--token", "phx_secret")).isEqualTo(2);
    assertThat(stderr).doesNotContain("phx_secret");
    assertThat(review(work.resolve("nowhere"), "--list")).isEqualTo(2);
    assertThat(stderr).contains("no report at", "run the visual tests first");
    assertThat(review(module, "--prune", "Cart--total--price")).isEqualTo(2);
    assertThat(stderr).contains("accept it with --accept instead");
  }

  @Test
  void settingsComeFromTheModulesJunitPlatformProperties() throws Exception {
    Path moved = module.resolve("target/visual-review");
    Path elsewhere = module.resolve("build/vr");
    Files.createDirectories(elsewhere.getParent());
    Files.move(moved, elsewhere);
    Path props = module.resolve("src/test/resources/junit-platform.properties");
    Files.createDirectories(props.getParent());
    Files.writeString(props, "visualreview.reportDir=build/vr\n");
    assertThat(review(module, "--list")).isEqualTo(1);
    assertThat(stdout).contains("changed: Cart--total--price");
  }

  @Test
  void servingPrintsTheAddressOpensItAndStopsFromThePage() throws Exception {
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(() -> review(module, "--port", "0"));
    URI uri = awaitAddress(code);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Cart--total--price", "class=\"accept primary\"");
    Matcher token =
        Pattern.compile("name=\"review-token\" content=\"([^\"]+)\"").matcher(page.body());
    assertThat(token.find()).isTrue();
    HttpResponse<String> stop =
        http.send(
            HttpRequest.newBuilder(uri.resolve("stop"))
                .timeout(Duration.ofSeconds(60))
                .header("Origin", "http://127.0.0.1:" + uri.getPort())
                .header("X-Review-Token", token.group(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(stop.statusCode()).isEqualTo(200);
    assertThat(code.get(120, TimeUnit.SECONDS)).isEqualTo(1); // two changes are still pending
    assertThat(opened).as(stderr).containsExactly(uri);
    assertThat(stdout.strip()).isEqualTo(uri.toString());
    assertThat(stderr).contains("Review page: " + uri, "2 snapshot(s) still need review");
  }

  @Test
  void aPortInUseIsAnErrorThatSaysWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(review(module, "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(2);
    }
    assertThat(stderr).contains("cannot serve the review page on 127.0.0.1:", "another --port");
    assertThat(review(module, "--port", "http")).isEqualTo(2);
    assertThat(stderr).contains("--port must be a port number");
  }

  @Test
  void inCiOrWithNoOpenNoBrowserIsStarted() throws Exception {
    env.put("CI", "true");
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> review(module));
    URI uri = awaitAddress(code);
    stopQuietly(uri);
    code.get(120, TimeUnit.SECONDS);
    assertThat(opened).isEmpty();
  }

  /** Waits (generously: the machine may be busy) for the address the command prints. */
  private URI awaitAddress(CompletableFuture<Integer> running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (running.isDone()) {
        throw new AssertionError("review ended early: " + running.get() + "\n" + stderr);
      }
      String printed = lastPrinted.get();
      if (printed != null) {
        return URI.create(printed);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("review printed no address within 120 s");
  }

  private void stopQuietly(URI uri) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String page =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher token = Pattern.compile("name=\"review-token\" content=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).isTrue();
    http.send(
        HttpRequest.newBuilder(uri.resolve("stop"))
            .header("Origin", "http://127.0.0.1:" + uri.getPort())
            .header("X-Review-Token", token.group(1))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private final java.util.concurrent.atomic.AtomicReference<String> lastPrinted =
      new java.util.concurrent.atomic.AtomicReference<>();
}
