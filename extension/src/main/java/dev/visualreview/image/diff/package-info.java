/**
 * Internal: the pixel diff that follows the PostHog Visual Review server (pixelmatch 7.2 colour
 * delta and anti-aliasing detection, row alignment, SSIM, classification into pixel, structural and
 * layout changes) and the diff image. Entry point: {@link dev.visualreview.image.diff.PixelDiff}.
 */
package dev.visualreview.image.diff;
