// Errors that can stop a build: a French message saying what is wrong and where, and a hint saying what to do next.
// Nothing internal (no stack trace, no code path) is part of what a reader sees; the site turns these into Astro's
// own errors (message + hint), the CLI prints both.

export class DocumentationError extends Error {
  /** French: what to do next. */
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(message);
    this.name = 'DocumentationError';
    this.hint = hint;
    // A build log shows the message; a stack trace would only point into this code.
    this.stack = `${this.message}\n→ ${hint}`;
  }
}
