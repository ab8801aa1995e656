package dev.visualreview.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where to upload one artifact: a presigned S3 POST.
 *
 * @param contentHash the hash whose bytes to upload
 * @param url the absolute object-storage URL
 * @param fields the form fields, to be sent in exactly this order
 */
public record UploadTarget(String contentHash, String url, Map<String, String> fields) {
  public UploadTarget {
    fields = fields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(fields);
  }

  @Override
  public String toString() {
    return "UploadTarget[" + contentHash + " -> " + url + "]";
  }
}
