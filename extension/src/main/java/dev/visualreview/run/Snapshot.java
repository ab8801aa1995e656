package dev.visualreview.run;

import java.util.Map;
import java.util.Objects;

/**
 * One captured screenshot, ready to be judged: its identifier, the PNG bytes exactly as captured,
 * and the PostHog content hash of its pixels.
 *
 * @param identifier the snapshot identifier sent to the backend ({@code [A-Za-z0-9_-]}, at most 512
 *     characters)
 * @param png the PNG bytes as captured; uploaded unmodified
 * @param contentHash lowercase hex BLAKE3 of the decoded RGBA8 pixels
 * @param width image width in pixels
 * @param height image height in pixels
 * @param metadata per-snapshot metadata (browser, viewport, device pixel ratio, ...)
 * @param source who produced it, for messages, e.g. {@code CheckoutTest.total()}
 */
public record Snapshot(
    String identifier,
    byte[] png,
    String contentHash,
    int width,
    int height,
    Map<String, Object> metadata,
    String source) {

  public Snapshot {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(png, "png");
    Objects.requireNonNull(contentHash, "contentHash");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    source = source == null ? "" : source;
  }

  @Override
  public String toString() {
    return "Snapshot[" + identifier + ", " + width + "x" + height + ", " + contentHash + "]";
  }
}
