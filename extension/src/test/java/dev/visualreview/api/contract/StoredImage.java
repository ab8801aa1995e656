package dev.visualreview.api.contract;

/** An image the contract server holds as a verified artifact. */
final class StoredImage {
  final byte[] png;
  final int width;
  final int height;

  StoredImage(byte[] png, int width, int height) {
    this.png = png;
    this.width = width;
    this.height = height;
  }
}
