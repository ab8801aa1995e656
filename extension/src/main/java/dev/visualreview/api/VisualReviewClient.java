package dev.visualreview.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Typed calls to PostHog Visual Review ({@code
 * {host}/api/projects/{project_id}/visual_review/...}). Thread-safe: one instance serves a whole
 * suite, shards included.
 */
public final class VisualReviewClient {
  private static final System.Logger LOGGER = System.getLogger("dev.visualreview.api");

  /** The page size sent on every list call (the PostHog CLI uses 100). */
  public static final int PAGE_SIZE = 100;

  private final ApiSettings settings;
  private final Transport transport;
  private final Uploader uploader;
  private final ArtifactDownloader downloader;
  private final Sleeper sleeper;
  private final Consumer<String> log;

  /** A client that really sleeps and logs through {@code System.Logger}. */
  public VisualReviewClient(ApiSettings settings) {
    this(settings, Sleeper.REAL, message -> LOGGER.log(System.Logger.Level.INFO, message));
  }

  /**
   * A client with its own sleeper (tests) and log sink (the command line prints to stderr).
   *
   * @throws InsecureHostException when the host is plain http and not loopback
   */
  public VisualReviewClient(ApiSettings settings, Sleeper sleeper, Consumer<String> log) {
    this.settings = settings;
    HostPolicy.check(settings.host());
    this.sleeper = sleeper;
    Consumer<String> redacting = message -> log.accept(settings.apiKey().redact(message));
    this.log = redacting;
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(
                HostPolicy.directForLoopback(
                    settings.proxy() != null ? settings.proxy() : ProxySettings.fromEnvironment()))
            .build();
    this.transport = new Transport(settings, http, sleeper, redacting);
    this.uploader = new Uploader(http, settings, sleeper, redacting);
    this.downloader = new ArtifactDownloader(http, settings);
  }

  public ApiSettings settings() {
    return settings;
  }

  /** {@code POST runs/}: creates a run. Never retried after a network error (see the message). */
  public CreateRunResponse createRun(CreateRunRequest request) {
    return read(post("/runs/", request, false), CreateRunResponse.class);
  }

  /** {@code POST runs/{id}/add-snapshots/}: first write per identifier wins, so safe to repeat. */
  public AddSnapshotsResponse addSnapshots(String runId, AddSnapshotsRequest request) {
    return read(post(run(runId) + "add-snapshots/", request, true), AddSnapshotsResponse.class);
  }

  /**
   * {@code POST runs/{id}/complete/} with {@code {}} or {@code {"check_run_id": ...}}. A 429
   * (GitHub rate limit) is retried after {@code Retry-After}; completing twice is harmless.
   */
  public Run completeRun(String runId, String checkRunId) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (checkRunId != null && !checkRunId.isBlank()) {
      body.put("check_run_id", checkRunId);
    }
    return readRun(post(run(runId) + "complete/", body, true));
  }

  /** {@code GET runs/{id}/}: status and summary (the only place {@code unresolved} is computed). */
  public Run getRun(String runId) {
    return read(get(run(runId), Map.of()), Run.class);
  }

  /**
   * Polls {@code GET runs/{id}/} every poll interval until the run is {@code completed} or {@code
   * failed}.
   *
   * @throws RunTimeoutException after the poll deadline
   */
  public Run waitForCompletion(String runId) {
    long polls =
        Math.max(
            1, ceilDiv(settings.pollDeadline().toMillis(), settings.pollInterval().toMillis()));
    Run current = null;
    for (long i = 0; i <= polls; i++) {
      current = getRun(runId);
      if (current.finished()) {
        return current;
      }
      if (i == polls) {
        break;
      }
      try {
        sleeper.sleep(settings.pollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunTimeoutException(
            "interrupted while waiting for run " + runId, path(run(runId)));
      }
    }
    throw new RunTimeoutException(
        "Run did not complete within "
            + seconds(settings.pollDeadline())
            + " (run "
            + runId
            + " is still '"
            + current.status()
            + "'). PostHog may be busy: look at the run in"
            + " PostHog ("
            + settings.reviewUrl(runId)
            + ") or raise the poll deadline.",
        path(run(runId)));
  }

  /** {@code GET runs/{id}/snapshots/?limit=&offset=}: one page; accepts a bare array too. */
  public Page<RunSnapshot> listRunSnapshots(String runId, int limit, int offset) {
    return readPage(get(run(runId) + "snapshots/", paging(limit, offset)), RunSnapshot.class);
  }

  /** Every snapshot of a run (actionable ones first), following pages of {@link #PAGE_SIZE}. */
  public List<RunSnapshot> listAllRunSnapshots(String runId) {
    List<RunSnapshot> all = new ArrayList<>();
    for (int offset = 0; ; ) {
      Page<RunSnapshot> page = listRunSnapshots(runId, PAGE_SIZE, offset);
      all.addAll(page.results());
      offset += page.results().size();
      if (page.results().isEmpty() || page.next() == null || offset >= page.count()) {
        return all;
      }
    }
  }

  /** {@code POST runs/{id}/approve/}: accepts the given snapshots (DB only, no commit). */
  public Run approve(String runId, List<ApprovalItem> snapshots) {
    if (snapshots == null || snapshots.isEmpty()) {
      throw new IllegalArgumentException(
          "approve needs at least one snapshot (identifier + new_hash)");
    }
    return readRun(post(run(runId) + "approve/", Map.of("snapshots", snapshots), false));
  }

  /** {@code POST runs/{id}/finalize/}. */
  public FinalizeResult finalizeRun(String runId, FinalizeRequest request) {
    return read(post(run(runId) + "finalize/", request, false), FinalizeResult.class);
  }

  /** {@code POST runs/{id}/auto-approve/}: the deprecated predecessor of finalize. */
  public FinalizeResult autoApprove(String runId) {
    return read(post(run(runId) + "auto-approve/", null, false), FinalizeResult.class);
  }

  /**
   * What {@code --auto-approve} does: finalize with {@code approve_all=true,
   * commit_to_github=false}; a server too old for finalize (404) gets {@code auto-approve}.
   */
  public FinalizeResult finalizeOrAutoApprove(String runId) {
    try {
      return finalizeRun(runId, FinalizeRequest.autoApprove());
    } catch (NotFoundException e) {
      if (e.detail().toLowerCase(java.util.Locale.ROOT).contains("run not found")) {
        throw e;
      }
      log.accept("finalize is not available on this server (HTTP 404); using auto-approve");
      return autoApprove(runId);
    }
  }

  /** {@code POST runs/{id}/recompute/}. */
  public RecomputeResult recompute(String runId) {
    return read(post(run(runId) + "recompute/", null, false), RecomputeResult.class);
  }

  /** {@code GET repos/{repo_id}/snapshots/{run_type}/{identifier}/}, identifier percent-encoded. */
  public Page<SnapshotHistoryEntry> snapshotHistory(
      String repoId, String runType, String identifier, int limit, int offset) {
    String p = repo(repoId) + "snapshots/" + segment(runType) + "/" + segment(identifier) + "/";
    return readPage(get(p, paging(limit, offset)), SnapshotHistoryEntry.class);
  }

  /**
   * Downloads an artifact's image from its presigned {@code download_url} (object storage, without
   * the API key), at most 64 MiB.
   */
  public byte[] download(Artifact artifact) {
    return downloader.download(artifact);
  }

  /** {@code GET repos/{id}/}. */
  public Repo getRepo(String repoId) {
    return read(get(repo(repoId), Map.of()), Repo.class);
  }

  /**
   * Uploads the targets whose hash is among {@code files} (one upload per distinct hash, at most 10
   * at a time). Targets for hashes not held are ignored.
   *
   * @return how many uploads were made
   * @throws UploadFailedException when any upload failed or a file is over 10 MiB
   */
  public int upload(Collection<UploadTarget> targets, Collection<UploadFile> files) {
    return uploader.uploadAll(targets, files);
  }

  // ---- plumbing

  private Transport.Response post(String path, Object body, boolean safeToRepeat) {
    byte[] json;
    try {
      json = Json.mapper().writeValueAsBytes(body == null ? Map.of() : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot serialise request for " + path + ": " + e.getOriginalMessage(), e);
    }
    return transport.send(new Transport.Call("POST", path, Map.of(), json, safeToRepeat));
  }

  private Transport.Response get(String path, Map<String, String> query) {
    return transport.send(new Transport.Call("GET", path, query, null, true));
  }

  private <T> T read(Transport.Response response, Class<T> type) {
    return read(response, Json.mapper().getTypeFactory().constructType(type));
  }

  private <T> T read(Transport.Response response, JavaType type) {
    JsonNode node = response.json();
    try {
      return Json.mapper().convertValue(node, type);
    } catch (IllegalArgumentException e) {
      throw malformed(
          response, "does not have the expected shape (" + firstLine(e.getMessage()) + ")");
    }
  }

  /** approve on older servers answered {@code {run, baseline_content}}; newer ones a Run. */
  private Run readRun(Transport.Response response) {
    JsonNode node = response.json();
    JsonNode runNode = node.has("run") && node.get("run").isObject() ? node.get("run") : node;
    try {
      return Json.mapper().convertValue(runNode, Run.class);
    } catch (IllegalArgumentException e) {
      throw malformed(
          response, "does not have the expected shape (" + firstLine(e.getMessage()) + ")");
    }
  }

  private <T> Page<T> readPage(Transport.Response response, Class<T> item) {
    JsonNode node = response.json();
    if (node.isArray()) {
      ObjectNode envelope = Json.mapper().createObjectNode();
      envelope.put("count", node.size());
      envelope.set("results", node);
      node = envelope;
    }
    JavaType type = Json.mapper().getTypeFactory().constructParametricType(Page.class, item);
    try {
      return Json.mapper().convertValue(node, type);
    } catch (IllegalArgumentException e) {
      throw malformed(response, "is not a page of results (" + firstLine(e.getMessage()) + ")");
    }
  }

  private MalformedResponseException malformed(Transport.Response response, String what) {
    String text =
        "PostHog answered "
            + response.path()
            + " with HTTP "
            + response.status()
            + " but the body "
            + what
            + ". A proxy in between, or a server that does not speak this protocol version?";
    return new MalformedResponseException(
        settings.apiKey().redact(text), response.status(), "", "", "", response.path());
  }

  private String path(String relative) {
    return java.net.URI.create(settings.baseUrl()).getRawPath() + relative;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Map<String, String> paging(int limit, int offset) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("limit", Integer.toString(limit));
    if (offset > 0) {
      q.put("offset", Integer.toString(offset));
    }
    return q;
  }

  private static String run(String runId) {
    return "/runs/" + segment(requireId(runId, "run id")) + "/";
  }

  private static String repo(String repoId) {
    return "/repos/" + segment(requireId(repoId, "repo id")) + "/";
  }

  private static String requireId(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("the " + what + " is empty");
    }
    return id.trim();
  }

  /** Percent-encodes one path segment (spaces as %20, not +). */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String seconds(java.time.Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
