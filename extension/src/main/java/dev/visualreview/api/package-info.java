/**
 * Internal: the HTTP client for PostHog Visual Review: typed requests and responses, presigned
 * uploads, retries, and errors a user can act on. No JUnit types.
 */
package dev.visualreview.api;
