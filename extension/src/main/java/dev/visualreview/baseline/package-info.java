/** Internal: the {@code snapshots.yml} baseline file and local baseline images. */
package dev.visualreview.baseline;
