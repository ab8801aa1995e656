package dev.visualreview.api;

import java.util.Objects;

/**
 * PNG bytes that the server may ask for.
 *
 * @param contentHash the content hash the manifest claimed
 * @param png the PNG bytes, unmodified
 * @param snapshotName the identifier, named in errors
 */
public record UploadFile(String contentHash, byte[] png, String snapshotName) {
  public UploadFile {
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(png, "png");
  }

  @Override
  public String toString() {
    return "UploadFile[" + snapshotName + ", " + contentHash + ", " + png.length + " bytes]";
  }
}
