/**
 * Internal: the suite's settings, read once from JUnit configuration parameters with environment
 * fallbacks, validated, and held in one immutable record. Knows nothing of JUnit types.
 */
package dev.visualreview.run.config;
