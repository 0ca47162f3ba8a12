// Decides once per test file whether Chromium-backed tests run. With FFE_DIAGRAMS=ssr (CI) nothing is skipped:
// a missing Chromium then makes the tests fail with the renderer's own French message.
import { existsSync } from 'node:fs';
import { chromiumCandidates, lookupChromium } from '../../src/render/chromium.ts';
import { toolSettings } from '../../src/site/settings.ts';

const { chromium } = toolSettings();
const lookup = lookupChromium(chromiumCandidates(chromium.chromium, undefined), existsSync);

/** FFE_CHROMIUM as the build reads it, for renderers the tests create. */
export const testChromium: string | undefined = chromium.chromium;

export const chromiumSkipReason: string | undefined =
  chromium.mode !== 'ssr' && !lookup.found
    ? 'ignoré : Chromium absent (/usr/bin/chromium, FFE_CHROMIUM) et FFE_DIAGRAMS ≠ ssr'
    : undefined;
