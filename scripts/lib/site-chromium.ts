// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

export function chromiumPath(): string {
  const path = process.env.FFE_CHROMIUM?.trim() || '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium introuvable (${path}) : apt-get install chromium, ou FFE_CHROMIUM=<chemin>.`);
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}
