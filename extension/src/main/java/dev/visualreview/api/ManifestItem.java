package dev.visualreview.api;

import java.util.Map;

/**
 * One snapshot in a run's manifest.
 *
 * @param identifier the snapshot identifier ({@code [A-Za-z0-9_-]}, at most 512 characters)
 * @param contentHash lowercase 64-hex BLAKE3 of the RGBA8 pixels
 * @param width width in pixels, or null
 * @param height height in pixels, or null
 * @param metadata free-form metadata (browser, viewport, ...)
 */
public record ManifestItem(
    String identifier,
    String contentHash,
    Integer width,
    Integer height,
    Map<String, Object> metadata) {
  public ManifestItem {
    metadata = metadata == null ? Map.of() : metadata;
  }
}
