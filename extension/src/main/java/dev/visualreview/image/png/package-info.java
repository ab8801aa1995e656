/**
 * Internal: the PNG decoder behind {@link dev.visualreview.image.PngDecoder}. Chunk parsing and
 * validation, inflate of the image data (screenshots through the pure-Java {@code ZlibInflater},
 * everything else through the JDK's zlib), scanline unfiltering, Adam7 de-interlacing and
 * conversion of every PNG colour type and bit depth to straight RGBA8.
 */
package dev.visualreview.image.png;
