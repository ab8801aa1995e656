/**
 * Internal: the files the library keeps between runs and how it writes them. One place decides
 * where the cache lives ({@link dev.visualreview.storage.CacheLocation}); one writer replaces files
 * atomically and lets a directory's owner sweep what a killed writer left behind ({@link
 * dev.visualreview.storage.AtomicFiles}); a per-user secret kept outside every cache authenticates
 * what is read back from one ({@link dev.visualreview.storage.LocalSecret}). No JUnit types.
 */
package dev.visualreview.storage;
