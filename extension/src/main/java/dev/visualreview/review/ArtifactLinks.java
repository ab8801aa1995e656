package dev.visualreview.review;

import dev.visualreview.api.Artifact;
import dev.visualreview.api.VisualReviewApiException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A PostHog run's images as links the review page can use: {@code artifact/<token>}, one opaque
 * token per content hash, stands for the artifact whose presigned link stays in this process.
 * Downloaded images are kept (least recently used dropped beyond a byte budget).
 */
final class ArtifactLinks {
  static final String PREFIX = "artifact/";
  private static final long CACHE_BYTES = 96L * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> tokenByHash = new HashMap<>();
  private final Map<String, Artifact> artifactByToken = new HashMap<>();
  private final LinkedHashMap<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long cachedBytes;

  /** Remembers an artifact (the freshest presigned link wins). */
  synchronized void register(Artifact a) {
    link(a);
  }

  /** The page's link for an artifact, or null when there is none. */
  synchronized String link(Artifact a) {
    if (a == null || a.contentHash() == null) {
      return null;
    }
    String token = tokenByHash.computeIfAbsent(a.contentHash(), h -> newToken());
    if (!artifactByToken.containsKey(token) || a.downloadUrl() != null) {
      artifactByToken.put(token, a);
    }
    return PREFIX + token;
  }

  /**
   * The image behind a page link: from the cache, else downloaded; when object storage refuses (a
   * presigned link lasts about an hour), {@code refresh} asks PostHog for fresh links and the
   * download is tried once more.
   *
   * @return empty when the path is not a link handed out here
   * @throws ReviewException when the image cannot be downloaded
   */
  Optional<byte[]> image(String path, Function<Artifact, byte[]> download, Runnable refresh) {
    Artifact artifact = artifact(path);
    if (artifact == null) {
      return Optional.empty();
    }
    byte[] cached = cached(artifact.contentHash());
    if (cached != null) {
      return Optional.of(cached);
    }
    byte[] bytes;
    try {
      bytes = download.apply(artifact);
    } catch (VisualReviewApiException e) {
      if (e.status() != 403) {
        throw new ReviewException(ReviewException.Kind.FAILED, e.getMessage(), e);
      }
      refresh.run();
      try {
        bytes = download.apply(artifact(path));
      } catch (VisualReviewApiException again) {
        throw new ReviewException(ReviewException.Kind.FAILED, again.getMessage(), again);
      }
    }
    keep(artifact.contentHash(), bytes);
    return Optional.of(bytes);
  }

  private synchronized Artifact artifact(String path) {
    if (path == null || !path.startsWith(PREFIX)) {
      return null;
    }
    return artifactByToken.get(path.substring(PREFIX.length()));
  }

  private synchronized byte[] cached(String hash) {
    return cache.get(hash);
  }

  private synchronized void keep(String hash, byte[] png) {
    if (png.length > CACHE_BYTES) {
      return;
    }
    byte[] old = cache.put(hash, png);
    cachedBytes += png.length - (old == null ? 0 : old.length);
    var it = cache.entrySet().iterator();
    while (cachedBytes > CACHE_BYTES && it.hasNext()) {
      cachedBytes -= it.next().getValue().length;
      it.remove();
    }
  }

  private static String newToken() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
