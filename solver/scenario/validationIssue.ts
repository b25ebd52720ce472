/**
 * One problem found in a scenario document. Its own module so that migrate.ts
 * and validate.ts (which runs the migrations) share it without importing each other.
 */
export interface ValidationIssue {
  /** JSON path, e.g. `network.lines[4].to`; empty string for the whole document */
  path: string;
  message: string;
}
