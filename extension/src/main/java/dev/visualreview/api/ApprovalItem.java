package dev.visualreview.api;

/** One snapshot to accept: its identifier and the hash being approved (its current hash). */
public record ApprovalItem(String identifier, String newHash) {}
