/**
 * A preflight finding: a diagnostic that also names the page (1-based) it was found on. The
 * page goes into the message too, so the text and GitHub formats show it; JSON keeps it as a
 * field for tools.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

export interface Finding extends Diagnostic {
  page?: number;
}
