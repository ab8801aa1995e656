package dev.visualreview.capture;

import java.util.Map;
import java.util.Objects;

/**
 * A captured screenshot: PNG bytes plus what is known about where it came from.
 *
 * @param png the PNG file bytes (starts with the PNG signature)
 * @param metadata per-snapshot facts: {@code engine} ({@code playwright}, {@code selenium} or
 *     {@code image}), and for browsers {@code browser}, {@code browserVersion}, {@code viewport}
 *     ({@code WIDTHxHEIGHT} in CSS pixels), {@code devicePixelRatio}, {@code os}, {@code scale},
 *     {@code fullPage}, {@code attempts}
 */
public record CapturedImage(byte[] png, Map<String, Object> metadata) {
  public CapturedImage {
    Objects.requireNonNull(png, "png");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapturedImage other
        && java.util.Arrays.equals(png, other.png)
        && metadata.equals(other.metadata);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(png) + metadata.hashCode();
  }

  @Override
  public String toString() {
    return "CapturedImage[" + png.length + " bytes, metadata=" + metadata + "]";
  }
}
