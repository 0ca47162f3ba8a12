// Errors that stop the site's build or dev server because of the user's input (manifests, pages, options): Astro
// prints an AstroError as its name, its message and a « Hint: », and, with no stack, no « Stack trace: » block —
// what the reader must see is where the mistake is and what to do, not our code.
import { AstroError } from 'astro/errors';

export function siteError(name: string, message: string, hint?: string): AstroError {
  const error = new AstroError(message, hint);
  error.name = name;
  error.stack = '';
  return error;
}

export function isSiteError(error: unknown): error is AstroError {
  return AstroError.is(error);
}
