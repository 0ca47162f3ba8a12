// Decides once per test file whether Chromium-backed tests run. With FFE_DIAGRAMS=ssr (CI) nothing is skipped:
// a missing Chromium then makes the tests fail with the renderer's own French message.
import { existsSync } from 'node:fs';
import { chromiumCandidates, diagramModeFromEnv, lookupChromium } from '../../src/render/chromium.ts';

const mode = diagramModeFromEnv(process.env);
const lookup = lookupChromium(chromiumCandidates(process.env, undefined), existsSync);

export const chromiumSkipReason: string | undefined =
  mode !== 'ssr' && !lookup.found
    ? 'ignoré : Chromium absent (/usr/bin/chromium, FFE_CHROMIUM) et FFE_DIAGRAMS ≠ ssr'
    : undefined;
