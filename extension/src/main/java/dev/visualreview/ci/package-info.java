/** Internal: detection of the CI context: commit, branch, pull request and job ids. */
package dev.visualreview.ci;
