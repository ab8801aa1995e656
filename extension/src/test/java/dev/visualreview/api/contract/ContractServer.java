package dev.visualreview.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.visualreview.image.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process PostHog Visual Review server that follows {@code visual-review-api.md} strictly,
 * for tests over real HTTP on 127.0.0.1 (ephemeral port). It validates every request (missing or
 * mistyped fields answer 400 in PostHog's shape; the key, {@code Content-Type: application/json}
 * and trailing slashes are required), keeps runs and snapshots in memory (first write wins per
 * identifier, supersession per repo/branch/run type), asks for uploads only for hashes it does not
 * hold, accepts presigned POSTs at its own fake S3 path (field order, policy, size, content type),
 * re-hashes every upload with {@link ContentHash} and fails a run whose bytes do not match, answers
 * {@code processing} on complete and {@code completed} after a number of polls, classifies against
 * a baseline map it is given, and injects {@link Faults}. It never logs the key.
 */
public final class ContractServer implements AutoCloseable {
  /**
   * The key the server accepts unless told otherwise: random characters like a real personal API
   * key, so that no 8 of them in a row occur in the data the server sends (the client removes any
   * such run of key characters from every answer).
   */
  public static final String DEFAULT_KEY = "phx_Kq3vN8zR2wXy7LmP5tBd9HsJ4gFc6AeU1oYi0TxW";

  public static final String DEFAULT_PROJECT = "2";

  private static final byte[] SIGNING_SECRET =
      "contract-server-signing-secret!!".getBytes(StandardCharsets.UTF_8);

  static {
    // Headers and body go out in separate writes; without TCP_NODELAY every response waits ~40 ms
    // for a delayed ACK. Read once by the JDK server's configuration, before the first server.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor;
  private final String projectId;
  private final String apiKey;
  private final String host;
  private final String apiPrefix;
  private final FakeS3 fakeS3;
  private final Shapes shapes;
  private final Faults faults = new Faults();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  // state, guarded by "this"
  private final Map<String, RepoState> repos = new LinkedHashMap<>();
  private final Map<String, RunState> runs = new LinkedHashMap<>();
  private final Map<String, Double> diffPercentages = new LinkedHashMap<>();
  private final String defaultRepoId;
  private volatile int pollsUntilComplete = 1;
  private volatile boolean stuckInProcessing;
  private volatile boolean finalizeMissing;
  private volatile boolean bareArraySnapshotList;
  private volatile boolean writeScope = true;
  private volatile Duration policyLifetime = Duration.ofHours(1);
  private volatile String defaultBranch = "main";
  private final Map<String, String> prHeads = new java.util.concurrent.ConcurrentHashMap<>();

  private ContractServer(String projectId, String apiKey) throws IOException {
    this.projectId = projectId;
    this.apiKey = apiKey;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor =
        Executors.newFixedThreadPool(
            32,
            r -> {
              Thread t = new Thread(r, "contract-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.host = "http://127.0.0.1:" + server.getAddress().getPort();
    this.apiPrefix = "/api/projects/";
    this.fakeS3 = new FakeS3(faults, host);
    this.shapes = new Shapes(host, projectId, repos);
    this.defaultRepoId = addRepo("acme/shop", 123456789L);
  }

  /** Starts a server for project {@value #DEFAULT_PROJECT} accepting {@link #DEFAULT_KEY}. */
  public static ContractServer start() {
    return start(DEFAULT_PROJECT, DEFAULT_KEY);
  }

  public static ContractServer start(String projectId, String apiKey) {
    try {
      return new ContractServer(projectId, apiKey);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the contract server: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- configuration and inspection

  /** {@code http://127.0.0.1:<port>} */
  public String host() {
    return host;
  }

  public String projectId() {
    return projectId;
  }

  /** The key the server accepts (tests wrap it in an {@code ApiKey}). */
  public String apiKey() {
    return apiKey;
  }

  /** The repo that exists from the start ({@code acme/shop}). */
  public String repoId() {
    return defaultRepoId;
  }

  public Faults faults() {
    return faults;
  }

  /** Adds a repo and returns its id. */
  public synchronized String addRepo(String fullName, Long externalId) {
    String id = UUID.randomUUID().toString();
    repos.put(id, new RepoState(id, fullName, externalId));
    return id;
  }

  /** The verified baseline (identifier → content hash) the server classifies against. */
  public synchronized void setBaseline(
      String repoId, String runType, Map<String, String> baseline) {
    repo(repoId).baselines.put(runType, new TreeMap<>(baseline));
  }

  /** The diff percentage the "diff task" reports for a changed identifier (default 12.5). */
  public synchronized void setDiffPercentage(String identifier, double percentage) {
    diffPercentages.put(identifier, percentage);
  }

  /** Quarantines an identifier: excluded from counts and hidden from the snapshot list. */
  public synchronized void quarantine(String repoId, String runType, String identifier) {
    repo(repoId).quarantined.add(runType + "\u0000" + identifier);
  }

  /** How many GETs of a processing run answer {@code processing} before it finishes (default 1). */
  public void setPollsUntilComplete(int polls) {
    this.pollsUntilComplete = polls;
  }

  /** Runs with changes never leave {@code processing}. */
  public void setStuckInProcessing(boolean stuck) {
    this.stuckInProcessing = stuck;
  }

  /** Behave like an old server without {@code finalize/} (404); {@code auto-approve/} works. */
  public void setFinalizeMissing(boolean missing) {
    this.finalizeMissing = missing;
  }

  /** Answer {@code runs/{id}/snapshots/} with a bare JSON array, as old servers did. */
  public void setBareArraySnapshotList(boolean bare) {
    this.bareArraySnapshotList = bare;
  }

  /** Whether the key has {@code visual_review:write}; without it, write actions answer 403. */
  public void setWriteScope(boolean granted) {
    this.writeScope = granted;
  }

  /** How long presigned upload policies stay valid (default 1 hour; negative = already expired). */
  public void setPolicyLifetime(Duration lifetime) {
    this.policyLifetime = lifetime;
  }

  /** The repo's GitHub default branch: partial runs there are treated as full (default main). */
  public void setDefaultBranch(String branch) {
    this.defaultBranch = branch;
  }

  /**
   * The head commit of a run's pull request on GitHub: finalizing with {@code commit_to_github}
   * answers 409 {@code sha_mismatch} when it differs from the run's commit.
   */
  public void setPullRequestHead(String runId, String sha) {
    prHeads.put(runId, sha);
  }

  /** Every presigned download link handed out so far expires (object storage answers 403). */
  public void expireDownloadLinks() {
    shapes.expireDownloadLinks();
  }

  /** Every request received so far (Authorization never stored). */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Requests with this method whose path below {@code /visual_review} matches {@code pathRegex}.
   */
  public List<RecordedRequest> requests(String method, String pathRegex) {
    Pattern p = Pattern.compile(pathRegex);
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : requests) {
      String rel = relative(r.path());
      if ((method == null || r.method().equals(method)) && p.matcher(rel).find()) {
        out.add(r);
      }
    }
    return out;
  }

  public void clearRequests() {
    requests.clear();
  }

  /** The most presigned uploads that were in flight at the same moment. */
  public int maxConcurrentUploads() {
    return fakeS3.maxConcurrent();
  }

  /** Presigned uploads accepted (2xx) so far. */
  public int uploadsAccepted() {
    return fakeS3.accepted();
  }

  /** The content hashes the repo holds as verified artifacts. */
  public synchronized Set<String> storedHashes(String repoId) {
    return Set.copyOf(repo(repoId).artifacts.keySet());
  }

  /** Pretends the repo already holds an artifact for these bytes (no upload will be requested). */
  public synchronized void storeArtifact(String repoId, byte[] png) {
    var h = ContentHash.of(png);
    repo(repoId).artifacts.put(h.contentHash(), new StoredImage(png, h.width(), h.height()));
  }

  /** A snapshot of one run's server-side state, for assertions. */
  public record RunView(
      String id,
      String repoId,
      String runType,
      String branch,
      String commitSha,
      Integer prNumber,
      String purpose,
      boolean partial,
      Map<String, Object> metadata,
      String status,
      String errorMessage,
      List<String> identifiers,
      Map<String, String> results,
      String supersededBy,
      String checkRunId,
      boolean approved,
      int completeCalls) {}

  public synchronized RunView run(String runId) {
    RunState r = runs.get(runId);
    if (r == null) {
      throw new IllegalArgumentException("no run " + runId + " on the contract server");
    }
    Map<String, String> results = new LinkedHashMap<>();
    r.rows.values().forEach(row -> results.put(row.identifier, row.result));
    return new RunView(
        r.id,
        r.repoId,
        r.runType,
        r.branch,
        r.commitSha,
        r.prNumber,
        r.purpose,
        r.partial,
        json.convertValue(r.metadata, Map.class),
        r.status,
        r.errorMessage,
        List.copyOf(r.rows.keySet()),
        results,
        r.supersededBy,
        r.checkRunId,
        r.approved,
        r.completeCalls);
  }

  /** Ids of every run, oldest first. */
  public synchronized List<String> runIds() {
    return List.copyOf(runs.keySet());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- state

  private RepoState repo(String repoId) {
    RepoState r = repos.get(repoId);
    if (r == null) {
      throw new IllegalArgumentException("no repo " + repoId + " on the contract server");
    }
    return r;
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private static final class Dropped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Dropped() {
      super("contract server: connection dropped on purpose", null, false, false);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    String query =
        exchange.getRequestURI().getRawQuery() == null
            ? ""
            : exchange.getRequestURI().getRawQuery();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange
        .getRequestHeaders()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("Authorization") && !v.isEmpty()) {
                headers.put(k, v.get(0));
              }
            });
    boolean authorized = auth != null && auth.equals("Bearer " + apiKey);
    String scheme = auth == null ? "" : auth.split(" ", 2)[0];
    requests.add(
        new RecordedRequest(
            method,
            rawPath,
            query,
            contentType == null ? "" : contentType,
            authorized,
            scheme,
            Map.copyOf(headers),
            body));

    Answer answer;
    if (rawPath.equals("/s3/upload")) {
      answer = fakeS3.handle(method, contentType, body);
    } else if (rawPath.startsWith("/s3/object/")) {
      answer = download(method, rawPath.substring("/s3/object/".length()), query, auth != null);
    } else {
      answer = api(method, rawPath, query, contentType, authorized, body);
    }
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (answer.body().length == 0) {
      exchange.sendResponseHeaders(answer.status(), -1);
    } else {
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
    exchange.close();
  }

  private Answer api(
      String method,
      String rawPath,
      String query,
      String contentType,
      boolean authorized,
      byte[] body) {
    Matcher m = Pattern.compile("^/api/projects/([^/]+)(/visual_review/.*)$").matcher(rawPath);
    if (!m.matches()) {
      return Answer.json(404, shapes.detail("Not found."));
    }
    String project = m.group(1);
    String rel = m.group(2).substring("/visual_review".length());

    Faults.Fault delay = faults.take(Faults.Kind.DELAY, method, rel);
    if (delay != null) {
      FakeS3.sleep(delay.delay);
    }
    if (faults.take(Faults.Kind.DROP_BEFORE, method, rel) != null) {
      throw new Dropped();
    }
    Faults.Fault fault = faults.takeAnswer(method, rel);
    if (fault != null) {
      return injected(fault);
    }
    if (!authorized) {
      ObjectNode n = json.createObjectNode();
      n.put("type", "authentication_error");
      n.put("code", "authentication_failed");
      n.put("detail", "Invalid personal API key.");
      return Answer.json(401, n);
    }
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return Answer.json(
          415, shapes.detail("Unsupported media type \"" + contentType + "\" in request."));
    }
    if (!project.equals(projectId)) {
      return Answer.json(404, shapes.detail("Project not found."));
    }
    Map<String, String> params = Fields.parseQuery(query);
    Answer answer;
    try {
      answer = route(method, rel, params, body);
    } catch (ValidationError e) {
      ObjectNode n = json.createObjectNode();
      n.put("type", "validation_error");
      n.put("code", e.code);
      n.put("detail", e.getMessage());
      if (e.attr != null) {
        n.put("attr", e.attr);
      }
      answer = Answer.json(400, n);
    } catch (ApiError e) {
      ObjectNode n = shapes.detail(e.getMessage());
      if (e.code != null) {
        n.put("code", e.code);
      }
      answer = Answer.json(e.status, n);
    }
    if (faults.take(Faults.Kind.DROP_AFTER, method, rel) != null) {
      throw new Dropped();
    }
    Faults.Fault truncate = faults.take(Faults.Kind.TRUNCATE, method, rel);
    if (truncate != null) {
      byte[] cut =
          java.util.Arrays.copyOf(answer.body(), Math.min(truncate.status, answer.body().length));
      answer = new Answer(answer.status(), answer.contentType(), cut, answer.headers());
    }
    return answer;
  }

  private Answer injected(Faults.Fault f) {
    switch (f.kind) {
      case RATE_LIMIT:
        {
          ObjectNode n = shapes.detail("GitHub API rate limit exceeded. Please retry later.");
          n.put("code", "rate_limited");
          return new Answer(
              429,
              "application/json",
              n.toString().getBytes(StandardCharsets.UTF_8),
              Map.of("Retry-After", Integer.toString(f.retryAfter)));
        }
      case BODY:
        return new Answer(
            f.status, f.contentType, f.body.getBytes(StandardCharsets.UTF_8), Map.of());
      default:
        return Answer.json(f.status, shapes.detail("Injected failure"));
    }
  }

  private static final String[] WRITE_ACTIONS = {
    "^/runs/$",
    "/add-snapshots/$",
    "/complete/$",
    "/approve/$",
    "/finalize/$",
    "/auto-approve/$",
    "/recompute/$"
  };

  private Answer route(String method, String rel, Map<String, String> q, byte[] body) {
    if (method.equals("POST") && !writeScope) {
      for (String w : WRITE_ACTIONS) {
        if (Pattern.compile(w).matcher(rel).find()) {
          ObjectNode n = json.createObjectNode();
          n.put("type", "authentication_error");
          n.put("code", "permission_denied");
          n.put("detail", "API key missing required scope 'visual_review:write'");
          return Answer.json(403, n);
        }
      }
    }
    String[] seg = rel.substring(1).split("/", -1);
    // every route ends with a slash: the last segment is empty
    if (!rel.endsWith("/")) {
      return Answer.json(404, shapes.detail("Not found."));
    }
    List<String> s = new ArrayList<>();
    for (int i = 0; i < seg.length - 1; i++) {
      s.add(URLDecoder.decode(seg[i].replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    synchronized (this) {
      if (s.size() >= 1 && s.get(0).equals("runs")) {
        if (s.size() == 1) {
          return expect(method, "POST", () -> createRun(Fields.object(body)));
        }
        if (s.size() == 2 && s.get(1).equals("counts")) {
          return expect(method, "GET", () -> counts(null));
        }
        RunState run = runs.get(s.get(1));
        if (run == null) {
          throw new ApiError(404, "Run not found");
        }
        if (s.size() == 2) {
          return expect(method, "GET", () -> Answer.json(200, getRun(run)));
        }
        if (s.size() == 3) {
          switch (s.get(2)) {
            case "add-snapshots":
              return expect(method, "POST", () -> addSnapshots(run, Fields.object(body)));
            case "complete":
              return expect(method, "POST", () -> complete(run, body));
            case "snapshots":
              return expect(method, "GET", () -> snapshots(run, q));
            case "snapshot-history":
              return expect(
                  method,
                  "GET",
                  () -> {
                    String id = q.get("identifier");
                    if (id == null || id.isEmpty()) {
                      throw new ApiError(400, "identifier query param required");
                    }
                    return history(run.repoId, run.runType, id, q);
                  });
            case "approve":
              return expect(method, "POST", () -> approve(run, Fields.object(body)));
            case "finalize":
              if (finalizeMissing) {
                throw new ApiError(404, "Not found.");
              }
              return expect(method, "POST", () -> finalizeRun(run, Fields.object(body)));
            case "auto-approve":
              return expect(method, "POST", () -> autoApprove(run));
            case "recompute":
              return expect(method, "POST", () -> recompute(run));
            default:
              break;
          }
        }
      } else if (s.size() >= 1 && s.get(0).equals("repos")) {
        if (s.size() == 1) {
          return expect(method, "GET", () -> listRepos(q));
        }
        RepoState repo = repos.get(s.get(1));
        if (repo == null) {
          throw new ApiError(404, "Repo not found");
        }
        if (s.size() == 2) {
          return expect(method, "GET", () -> Answer.json(200, shapes.repoJson(repo)));
        }
        if (s.size() == 4 && s.get(2).equals("runs") && s.get(3).equals("counts")) {
          return expect(method, "GET", () -> counts(repo.id));
        }
        if (s.size() == 5 && s.get(2).equals("snapshots")) {
          return expect(method, "GET", () -> history(repo.id, s.get(3), s.get(4), q));
        }
      }
    }
    return Answer.json(404, shapes.detail("Not found."));
  }

  private interface Handler {
    Answer handle();
  }

  private Answer expect(String method, String allowed, Handler h) {
    if (!method.equals(allowed)) {
      return Answer.json(405, shapes.detail("Method \"" + method + "\" not allowed."));
    }
    return h.handle();
  }

  // ---------------------------------------------------------------- endpoints

  private Answer createRun(ObjectNode body) {
    String repoId = Fields.uuid(body, "repo_id");
    String runType = Fields.string(body, "run_type", true, 64);
    String commit = Fields.string(body, "commit_sha", true, 40);
    String branch = Fields.string(body, "branch", true, 255);
    Integer pr = Fields.optionalInt(body, "pr_number");
    String purpose =
        body.has("purpose") && !body.get("purpose").isNull()
            ? Fields.string(body, "purpose", true, 32)
            : "review";
    if (!purpose.equals("review") && !purpose.equals("observe")) {
      throw ValidationError.invalid("purpose", "\"" + purpose + "\" is not a valid choice.");
    }
    boolean partial = Fields.optionalBool(body, "is_partial", false);
    ObjectNode metadata = Fields.optionalObject(body, "metadata");
    for (String reserved :
        List.of("github_comment_id", "baseline_commit_sha", "baseline_healed_from_merge_base")) {
      metadata.remove(reserved);
    }
    for (String key : List.of("github_run_id", "github_check_run_id")) {
      if (metadata.has(key) && !metadata.get(key).isNull()) {
        metadata.put(key, metadata.get(key).asText());
      }
    }
    List<SnapshotRow> items = Fields.manifest(body, "snapshots");
    RepoState repo = repos.get(repoId);
    if (repo == null) {
      throw new ApiError(404, "Repo not found");
    }
    RunState run = new RunState(repoId, runType, commit, branch, pr, purpose, partial, metadata);
    for (RunState other : runs.values()) {
      if (other.supersededBy == null
          && other.repoId.equals(repoId)
          && other.branch.equals(branch)
          && other.runType.equals(runType)) {
        other.supersededBy = run.id;
      }
    }
    runs.put(run.id, run);
    List<String> uploads = addRows(run, items);
    ObjectNode n = json.createObjectNode();
    n.put("run_id", run.id);
    n.set("uploads", fakeS3.targets(run.repoId, uploads, policyLifetime));
    return Answer.json(201, n);
  }

  private Answer addSnapshots(RunState run, ObjectNode body) {
    List<SnapshotRow> items = Fields.manifest(body, "snapshots");
    if (!run.status.equals("pending")) {
      throw new ApiError(400, "Invalid request");
    }
    int before = run.rows.size();
    List<String> uploads = addRows(run, items);
    ObjectNode n = json.createObjectNode();
    n.put("added", run.rows.size() - before);
    n.set("uploads", fakeS3.targets(run.repoId, uploads, policyLifetime));
    return Answer.json(200, n);
  }

  /** First write wins; returns the distinct hashes of this request the repo does not hold. */
  private List<String> addRows(RunState run, List<SnapshotRow> items) {
    RepoState repo = repos.get(run.repoId);
    Set<String> missing = new LinkedHashSet<>();
    for (SnapshotRow item : items) {
      run.rows.putIfAbsent(item.identifier, item);
      run.claimedHashes.add(item.contentHash);
      if (!repo.artifacts.containsKey(item.contentHash)) {
        missing.add(item.contentHash);
      }
    }
    return List.copyOf(missing);
  }

  private Answer complete(RunState run, byte[] body) {
    ObjectNode b = body.length == 0 ? json.createObjectNode() : Fields.object(body);
    String checkRunId = null;
    if (b.has("check_run_id") && !b.get("check_run_id").isNull()) {
      if (!b.get("check_run_id").isTextual()) {
        throw ValidationError.invalid("check_run_id", "Not a valid string.");
      }
      checkRunId = b.get("check_run_id").asText();
    }
    run.completeCalls++;
    if (!run.status.equals("pending")) {
      return Answer.json(200, shapes.runJson(run, false));
    }
    run.checkRunId = checkRunId;
    run.status = "processing";
    RepoState repo = repos.get(run.repoId);
    if (run.branch.equals(defaultBranch)) {
      run.partial = false;
    }
    classify(run, repo);
    String integrity = verifyUploads(run, repo);
    boolean changes =
        run.rows.values().stream()
            .anyMatch(r -> r.result.equals("changed") || r.result.equals("new"));
    run.finalStatus = integrity == null ? "completed" : "failed";
    run.finalError = integrity;
    if (!changes) {
      finish(run);
    } else {
      run.pollsLeft = pollsUntilComplete;
      if (run.pollsLeft <= 0 && !stuckInProcessing) {
        finish(run);
      }
    }
    return Answer.json(200, shapes.runJson(run, false));
  }

  private void finish(RunState run) {
    run.status = run.finalStatus;
    run.errorMessage = run.finalError;
    run.completedAt = Instant.now().toString();
  }

  private void classify(RunState run, RepoState repo) {
    Map<String, String> baseline = repo.baselines.getOrDefault(run.runType, Map.of());
    for (SnapshotRow row : run.rows.values()) {
      String base = baseline.get(row.identifier);
      row.baselineHash = base;
      if (base == null) {
        row.result = "new";
        row.reviewState = "pending";
      } else if (base.equals(row.contentHash)) {
        row.result = "unchanged";
        row.reason = "exact";
        row.reviewState = "";
      } else {
        row.result = "changed";
        row.reviewState = "pending";
        double pct = diffPercentages.getOrDefault(row.identifier, 12.5);
        row.diffPercentage = pct;
        long pixels = row.width == null || row.height == null ? 0 : (long) row.width * row.height;
        row.diffPixelCount = Math.round(pixels * pct / 100.0);
        row.ssim = 0.9;
        row.changeKind = "pixel";
      }
      row.quarantined = repo.quarantined.contains(run.runType + "\u0000" + row.identifier);
    }
    if (!run.partial) {
      for (Map.Entry<String, String> e : baseline.entrySet()) {
        if (!run.rows.containsKey(e.getKey())) {
          SnapshotRow removed =
              new SnapshotRow(e.getKey(), e.getValue(), null, null, json.createObjectNode());
          removed.result = "removed";
          removed.reviewState = "pending";
          removed.baselineHash = e.getValue();
          removed.quarantined = repo.quarantined.contains(run.runType + "\u0000" + e.getKey());
          run.rows.put(e.getKey(), removed);
        }
      }
    }
  }

  /** Re-hashes every claimed upload the repo does not hold yet; the first problem fails the run. */
  private String verifyUploads(RunState run, RepoState repo) {
    for (String claimed : run.claimedHashes) {
      if (repo.artifacts.containsKey(claimed)) {
        continue;
      }
      byte[] bytes = fakeS3.object(FakeS3.objectKey(repo.id, claimed));
      if (bytes == null) {
        continue; // never uploaded: only logged by the real server
      }
      if (bytes.length == 0) {
        return "Upload rejected: empty file for hash " + claimed;
      }
      String actual;
      int w;
      int h;
      try {
        var hash = ContentHash.of(bytes);
        actual = hash.contentHash();
        w = hash.width();
        h = hash.height();
      } catch (RuntimeException e) {
        return "Upload integrity check failed: could not decode image for hash " + claimed;
      }
      if (!actual.equals(claimed)) {
        return "Upload integrity check failed: claimed "
            + claimed.substring(0, 16)
            + "… but image hashes to "
            + actual.substring(0, 16)
            + "…";
      }
      repo.artifacts.put(claimed, new StoredImage(bytes, w, h));
    }
    return null;
  }

  private ObjectNode getRun(RunState run) {
    if (run.status.equals("processing") && !stuckInProcessing) {
      if (run.pollsLeft <= 0) {
        finish(run);
      } else {
        run.pollsLeft--;
      }
    }
    return shapes.runJson(run, true);
  }

  private Answer snapshots(RunState run, Map<String, String> q) {
    int limit = Fields.intParam(q, "limit", 100);
    int offset = Fields.intParam(q, "offset", 0);
    boolean includeQuarantined =
        Boolean.parseBoolean(q.getOrDefault("include_quarantined", "false"));
    List<SnapshotRow> rows = new ArrayList<>(run.rows.values());
    rows.sort(
        Comparator.comparing((SnapshotRow r) -> r.result.equals("unchanged") ? 1 : 0)
            .thenComparing(r -> r.identifier));
    int quarantined = 0;
    List<SnapshotRow> visible = new ArrayList<>();
    for (SnapshotRow r : rows) {
      if (r.quarantined && !includeQuarantined) {
        quarantined++;
      } else {
        visible.add(r);
      }
    }
    ArrayNode results = json.createArrayNode();
    for (SnapshotRow r :
        visible.subList(
            Math.min(offset, visible.size()), Math.min(offset + limit, visible.size()))) {
      results.add(shapes.snapshotJson(run, r));
    }
    if (bareArraySnapshotList) {
      return Answer.json(200, results);
    }
    ObjectNode n = json.createObjectNode();
    n.put("count", visible.size());
    String base = host + apiPrefix + projectId + "/visual_review/runs/" + run.id + "/snapshots/";
    if (offset + limit < visible.size()) {
      n.put("next", base + "?limit=" + limit + "&offset=" + (offset + limit));
    } else {
      n.putNull("next");
    }
    if (offset > 0) {
      n.put("previous", base + "?limit=" + limit + "&offset=" + Math.max(0, offset - limit));
    } else {
      n.putNull("previous");
    }
    n.set("results", results);
    n.put("quarantined_count", quarantined);
    return Answer.json(200, n);
  }

  private Answer approve(RunState run, ObjectNode body) {
    JsonNode items = body.get("snapshots");
    if (items == null || items.isNull()) {
      throw ValidationError.required("snapshots");
    }
    if (!items.isArray()) {
      throw ValidationError.invalid(
          "snapshots",
          "Expected a list of items but got type \""
              + items.getNodeType().name().toLowerCase(Locale.ROOT)
              + "\".");
    }
    if (items.isEmpty()) {
      throw ValidationError.invalid("snapshots", "This list may not be empty.");
    }
    refuseObserveOrStale(run);
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode it = items.get(i);
      if (!it.isObject()) {
        throw ValidationError.invalid("snapshots__" + i, "Invalid data. Expected a dictionary.");
      }
      String id = Fields.string((ObjectNode) it, "identifier", true, 512);
      String newHash = Fields.string((ObjectNode) it, "new_hash", true, 64);
      SnapshotRow row = run.rows.get(id);
      if (row == null) {
        unknown.add(id);
        continue;
      }
      if (!row.result.equals("removed") && !newHash.equals(row.contentHash)) {
        throw new ApiError(
            400,
            "Hash mismatch for "
                + id
                + ": approved "
                + newHash
                + " but current is "
                + row.contentHash);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiError(400, "Unknown snapshot identifiers: " + String.join(", ", unknown));
    }
    for (JsonNode it : items) {
      SnapshotRow row = run.rows.get(it.get("identifier").asText());
      row.reviewState = "approved";
      row.approvedHash = it.get("new_hash").asText();
    }
    return Answer.json(200, shapes.runJson(run, true));
  }

  private void refuseObserveOrStale(RunState run) {
    if (run.purpose.equals("observe")) {
      throw new ApiError(400, "Observational runs cannot be approved");
    }
    if (run.supersededBy != null) {
      throw new ApiError(
          409, "This run has been superseded by a newer run for the same branch", "stale_run");
    }
  }

  private Answer finalizeRun(RunState run, ObjectNode body) {
    boolean approveAll = Fields.optionalBool(body, "approve_all", false);
    boolean commit = Fields.optionalBool(body, "commit_to_github", true);
    Fields.optionalBool(body, "add_images_to_comment_on_pr", false);
    if (run.purpose.equals("observe")) {
      throw new ApiError(400, "Observational runs cannot be approved");
    }
    if (run.approved) {
      return Answer.json(200, finalizeResult(run, commit));
    }
    if (!run.status.equals("completed")) {
      throw new ApiError(
          400, "Run must be completed before approval (current status: " + run.status + ")");
    }
    refuseObserveOrStale(run);
    if (approveAll) {
      for (SnapshotRow r : run.rows.values()) {
        if (!r.quarantined
            && (r.result.equals("changed") || r.result.equals("new"))
            && r.reviewState.equals("pending")) {
          r.reviewState = "approved";
          r.approvedHash = r.contentHash;
        }
      }
    }
    List<String> open = new ArrayList<>();
    for (SnapshotRow r : run.rows.values()) {
      if (!r.quarantined
          && (r.result.equals("changed") || r.result.equals("new"))
          && !(r.reviewState.equals("approved") || r.reviewState.equals("tolerated"))) {
        open.add(r.identifier);
      }
    }
    if (!open.isEmpty()) {
      throw new ApiError(
          409,
          "Cannot finalize: "
              + open.size()
              + " snapshot(s) still need review — approve or tolerate them first: "
              + String.join(", ", open.subList(0, Math.min(10, open.size()))),
          "not_fully_resolved");
    }
    for (SnapshotRow r : run.rows.values()) {
      if (r.result.equals("removed")) {
        r.reviewState = "approved";
      }
    }
    String head = prHeads.get(run.id);
    if (commit && run.prNumber != null && head != null && !head.equals(run.commitSha)) {
      throw new ApiError(
          409,
          "PR has newer commits. Expected "
              + run.commitSha
              + ", got "
              + head
              + ". Please re-run visual tests on the latest commit.",
          "sha_mismatch");
    }
    run.approved = true;
    run.approvedAt = Instant.now().toString();
    if (commit) {
      run.metadata.put(
          "baseline_commit_sha",
          HexFormat.of().formatHex(FakeS3.hmac(SIGNING_SECRET, run.id)).substring(0, 40));
    }
    return Answer.json(200, finalizeResult(run, commit));
  }

  private Answer autoApprove(RunState run) {
    refuseObserveOrStale(run);
    if (!run.status.equals("completed")) {
      throw new ApiError(
          400, "Run must be completed before approval (current status: " + run.status + ")");
    }
    for (SnapshotRow r : run.rows.values()) {
      if (!r.quarantined && !r.result.equals("unchanged")) {
        r.reviewState = "approved";
        r.approvedHash = r.result.equals("removed") ? "" : r.contentHash;
      }
    }
    run.approved = true;
    run.approvedAt = Instant.now().toString();
    return Answer.json(200, finalizeResult(run, false));
  }

  private ObjectNode finalizeResult(RunState run, boolean committed) {
    ObjectNode n = json.createObjectNode();
    n.set("run", shapes.runJson(run, true));
    n.put("baseline_content", committed ? "" : baselineYaml(run));
    return n;
  }

  /** The signed snapshots.yml the server builds: baseline + approved hashes − approved removals. */
  private String baselineYaml(RunState run) {
    Map<String, String> merged =
        new TreeMap<>(repos.get(run.repoId).baselines.getOrDefault(run.runType, Map.of()));
    for (SnapshotRow r : run.rows.values()) {
      if (r.reviewState.equals("approved")) {
        if (r.result.equals("removed")) {
          merged.remove(r.identifier);
        } else {
          merged.put(r.identifier, r.contentHash);
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("version: 1\nconfig:\n");
    sb.append("    api: ").append(host).append('\n');
    sb.append("    team: '").append(projectId).append("'\n");
    sb.append("    repo: ").append(run.repoId).append('\n');
    if (merged.isEmpty()) {
      sb.append("snapshots: {}\n");
      return sb.toString();
    }
    sb.append("snapshots:\n");
    for (Map.Entry<String, String> e : merged.entrySet()) {
      String mac =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  FakeS3.hmac(
                      SIGNING_SECRET, "v1|" + run.repoId + "|" + e.getKey() + "|" + e.getValue()));
      sb.append("    ").append(e.getKey()).append(":\n");
      sb.append("        hash: v1.kcontract.")
          .append(e.getValue())
          .append('.')
          .append(mac)
          .append('\n');
    }
    return sb.toString();
  }

  private Answer recompute(RunState run) {
    if (!run.status.equals("completed") || run.approved) {
      throw new ApiError(400, "Run must be completed and not yet approved");
    }
    ObjectNode n = json.createObjectNode();
    ObjectNode r = shapes.runJson(run, true);
    n.set("run", r);
    n.put("counts_changed", false);
    n.put("unresolved", r.get("summary").get("unresolved").asInt());
    boolean jobKnown = run.metadata.hasNonNull("github_check_run_id");
    n.put("ci_rerun_triggered", jobKnown);
    if (jobKnown) {
      n.putNull("ci_rerun_error");
    } else {
      n.put(
          "ci_rerun_error",
          "CI job ID not available (set JOB_CHECK_RUN_ID=${{ job.check_run_id }} in workflow)");
    }
    return Answer.json(200, n);
  }

  private Answer counts(String repoId) {
    int needsReview = 0;
    int clean = 0;
    int processing = 0;
    int stale = 0;
    for (RunState r : runs.values()) {
      if (repoId != null && !r.repoId.equals(repoId)) {
        continue;
      }
      boolean changes =
          r.rows.values().stream().anyMatch(x -> !x.quarantined && !x.result.equals("unchanged"));
      boolean current = r.supersededBy == null;
      if (r.status.equals("completed")
          && changes
          && !r.approved
          && current
          && r.prNumber != null
          && r.purpose.equals("review")) {
        needsReview++;
      }
      if ((r.status.equals("completed") && !changes) || r.approved) {
        clean++;
      }
      if (r.status.equals("processing") && current) {
        processing++;
      }
      if (!current && !r.approved && changes) {
        stale++;
      }
    }
    ObjectNode n = json.createObjectNode();
    n.put("needs_review", needsReview);
    n.put("clean", clean);
    n.put("processing", processing);
    n.put("stale", stale);
    return Answer.json(200, n);
  }

  private Answer history(String repoId, String runType, String identifier, Map<String, String> q) {
    int limit = Fields.intParam(q, "limit", 100);
    int offset = Fields.intParam(q, "offset", 0);
    List<RunState> ordered = new ArrayList<>(runs.values());
    Collections.reverse(ordered);
    Set<String> seen = new LinkedHashSet<>();
    List<ObjectNode> entries = new ArrayList<>();
    for (RunState r : ordered) {
      if (!r.repoId.equals(repoId) || !r.runType.equals(runType)) {
        continue;
      }
      SnapshotRow row = r.rows.get(identifier);
      if (row == null || !seen.add(row.contentHash)) {
        continue;
      }
      ObjectNode e = json.createObjectNode();
      e.put("run_id", r.id);
      e.put("snapshot_id", row.id);
      e.put("result", row.result);
      e.put("branch", r.branch);
      e.put("commit_sha", r.commitSha);
      e.put("created_at", r.createdAt);
      if (r.prNumber == null) {
        e.putNull("pr_number");
      } else {
        e.put("pr_number", r.prNumber);
      }
      Shapes.putDouble(e, "diff_percentage", row.diffPercentage);
      e.put("review_state", row.reviewState);
      e.set(
          "current_artifact",
          shapes.artifactJson(repoId, row.result.equals("removed") ? null : row.contentHash));
      Shapes.putDouble(e, "ssim_score", row.ssim);
      e.put("change_kind", row.changeKind);
      e.put("size_mismatch", false);
      entries.add(e);
    }
    return Answer.json(200, shapes.page(entries, limit, offset));
  }

  private Answer listRepos(Map<String, String> q) {
    List<ObjectNode> all = new ArrayList<>();
    for (RepoState r : repos.values()) {
      all.add(shapes.repoJson(r));
    }
    return Answer.json(
        200, shapes.page(all, Fields.intParam(q, "limit", 100), Fields.intParam(q, "offset", 0)));
  }

  /**
   * A presigned GET of a stored artifact, as S3 answers it: the signature in the query must match,
   * and an Authorization header as well is refused (S3 allows one auth mechanism).
   */
  private Answer download(String method, String key, String query, boolean authHeader) {
    if (!method.equals("GET")) {
      return FakeS3.s3Error(405, "MethodNotAllowed", "The specified method is not allowed");
    }
    if (authHeader) {
      return FakeS3.s3Error(
          400,
          "InvalidArgument",
          "Only one auth mechanism allowed; only the X-Amz-Algorithm"
              + " query parameter, Signature query string parameter or the Authorization header"
              + " should be specified");
    }
    if (!query.contains("X-Amz-Signature=" + shapes.downloadSignature(key))) {
      return FakeS3.s3Error(403, "AccessDenied", "Request has expired");
    }
    synchronized (this) {
      for (RepoState repo : repos.values()) {
        for (Map.Entry<String, StoredImage> e : repo.artifacts.entrySet()) {
          if (FakeS3.objectKey(repo.id, e.getKey()).equals(key)) {
            return new Answer(200, "image/png", e.getValue().png, Map.of());
          }
        }
      }
    }
    return FakeS3.s3Error(404, "NoSuchKey", "The specified key does not exist.");
  }

  // ---------------------------------------------------------------- paths

  private String relative(String rawPath) {
    int i = rawPath.indexOf("/visual_review");
    return i < 0 ? rawPath : rawPath.substring(i + "/visual_review".length());
  }
}
