package dev.visualreview.image;

/**
 * The PostHog content hash of a PNG and its size.
 *
 * @param contentHash lowercase hex BLAKE3-256 of the decoded RGBA8 pixels (64 characters)
 * @param width width in pixels
 * @param height height in pixels
 */
public record ImageHash(String contentHash, int width, int height) {}
