/**
 * Internal: pixels. PNG decoding to straight RGBA8, the BLAKE3 content hash that PostHog Visual
 * Review verifies, the persistent hash cache, the pixel diff that follows the server's classifier,
 * and PNG encoding of diff images.
 */
package dev.visualreview.image;
