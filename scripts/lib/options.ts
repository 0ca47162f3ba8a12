// The site's settings (ffe.config.ts and the environment, read by src/site/settings.ts) for the command-line
// scripts, validated as the site validates them, so that a command and the site read the same manifests with the
// same rules. A mistake in them is printed in French.
import { isSiteError } from '../../src/site/errors.ts';
import { projectSettings, type Settings } from '../../src/site/settings.ts';

/** The settings, or undefined after printing what is wrong with them (the script then exits 2). */
export function siteSettings(): Settings | undefined {
  try {
    return projectSettings();
  } catch (error) {
    if (!isSiteError(error)) throw error;
    process.stderr.write(`${error.message}\n  → ${error.hint ?? ''}\n`);
    return undefined;
  }
}
