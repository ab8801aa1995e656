/**
 * Internal: JMH benchmarks for decoding, hashing, BLAKE3 and the hash cache, and the timing harness
 * {@link dev.visualreview.bench.HashTiming} that {@code bench/compare.sh} runs against the Node
 * reference. Not part of the library.
 */
package dev.visualreview.bench;
