package dev.visualreview.run.config;

/** How the invocations of a parameterised test are told apart in snapshot identifiers. */
public enum InvocationNames {
  /**
   * By their arguments, except that an invocation whose baseline exists only under its index name
   * (as recorded before argument names) keeps that name.
   */
  AUTO,
  /** Always by their arguments (the index only when the arguments cannot name it). */
  ARGUMENTS,
  /** Always by their invocation index, as before argument names. */
  INDEX
}
