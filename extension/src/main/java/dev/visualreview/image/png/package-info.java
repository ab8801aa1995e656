/**
 * Internal: the PNG decoder behind {@link dev.visualreview.image.PngDecoder}. Chunk parsing and
 * validation, streaming inflate of the image data, scanline unfiltering, Adam7 de-interlacing and
 * conversion of every PNG colour type and bit depth to straight RGBA8.
 */
package dev.visualreview.image.png;
