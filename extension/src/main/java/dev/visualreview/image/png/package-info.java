/**
 * Internal: the PNG decoder behind {@link dev.visualreview.image.PngDecoder}. Chunk parsing and
 * validation, inflate of the image data (screenshots through the pure-Java {@code ZlibInflater},
 * everything else through the JDK's zlib) with its Adler-32 checksum verified, scanline
 * unfiltering, Adam7 de-interlacing and conversion of every PNG colour type and bit depth to
 * straight RGBA8 (screenshots, for hashing, also to pixels as little-endian ints). How it decodes
 * ({@code DecodeOptions}) is given by the caller.
 */
package dev.visualreview.image.png;
