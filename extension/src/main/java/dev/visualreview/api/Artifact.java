package dev.visualreview.api;

/** A stored image. {@code downloadUrl} is a presigned GET valid for about an hour, or null. */
public record Artifact(
    String id, String contentHash, Integer width, Integer height, String downloadUrl) {}
