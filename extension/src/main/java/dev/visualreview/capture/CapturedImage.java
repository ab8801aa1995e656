package dev.visualreview.capture;

import java.util.Arrays;
import java.util.Objects;

/**
 * A captured screenshot: PNG bytes plus what is known about where it came from.
 *
 * @param png the PNG file bytes (starts with the PNG signature)
 * @param metadata where the snapshot came from (engine, browser, viewport, ...)
 */
public record CapturedImage(byte[] png, CaptureMetadata metadata) {
  public CapturedImage {
    Objects.requireNonNull(png, "png");
    Objects.requireNonNull(metadata, "metadata");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapturedImage other
        && Arrays.equals(png, other.png)
        && metadata.equals(other.metadata);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(png) + metadata.hashCode();
  }

  @Override
  public String toString() {
    return "CapturedImage[" + png.length + " bytes, metadata=" + metadata + "]";
  }
}
