// The site's options (ffe.config.ts) for the command-line scripts, validated as the site validates them, so that a
// command and the site read the same manifests with the same rules. A mistake in them is printed in French.
import { resolve } from 'node:path';
import ffeConfig from '../../ffe.config.ts';
import { isSiteError } from '../../src/site/errors.ts';
import { resolveFfeOptions, type FfeOptions } from '../../src/site/options.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** The options, or undefined after printing what is wrong with them (the script then exits 2). */
export function siteOptions(): FfeOptions | undefined {
  try {
    return resolveFfeOptions(ffeConfig, PROJECT_ROOT);
  } catch (error) {
    if (!isSiteError(error)) throw error;
    process.stderr.write(`${error.message}\n  → ${error.hint ?? ''}\n`);
    return undefined;
  }
}
