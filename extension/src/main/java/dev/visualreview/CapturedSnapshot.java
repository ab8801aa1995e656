package dev.visualreview;

/**
 * What {@link Snapshots#capture} recorded.
 *
 * @param identifier the snapshot identifier in the run (and in {@code snapshots.yml})
 * @param contentHash lowercase hex BLAKE3 of the decoded RGBA8 pixels, or empty when visual review
 *     is {@code off}
 * @param width image width in pixels (0 when off)
 * @param height image height in pixels (0 when off)
 */
public record CapturedSnapshot(String identifier, String contentHash, int width, int height) {}
