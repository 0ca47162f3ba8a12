// Debian's Chromium driven by playwright-core: never a downloaded browser. Same lookup and flags as the diagram
// renderer (src/render/chromium.ts), minus Playwright's own download.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumCandidates, lookupChromium } from '../../src/render/chromium.ts';
import { toolSettings } from '../../src/site/settings.ts';

export function chromiumPath(): string {
  const lookup = lookupChromium(chromiumCandidates(toolSettings().chromium.chromium, undefined), existsSync);
  if (lookup.found) return lookup.found;
  const tried = lookup.explicitMissing ?? lookup.tried.map((c) => c.path).join(', ');
  throw new Error(`Chromium introuvable (${tried}) : apt-get install chromium, ou FFE_CHROMIUM=<chemin>.`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
}
