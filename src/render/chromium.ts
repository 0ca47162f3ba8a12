// Where Chromium lives and whether diagrams are rendered at build time (SSR) or in the reader's browser. The settings
// (FFE_DIAGRAMS, FFE_CHROMIUM) come from src/site/settings.ts; the decision is pure (`planRendering`); only
// `resolveRenderPlan` touches the file system.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const localRequire = createRequire(import.meta.url);

/**
 * Playwright, loaded when Chromium is first needed: a warm build, which draws nothing, never pays for loading it
 * (0.3 s). Node's own require rather than import(): Astro evaluates this file through a Vite module runner that it
 * closes before the renderer is done with it.
 */
export function playwright(): typeof import('playwright-core') {
  return localRequire('playwright-core') as typeof import('playwright-core');
}

export type DiagramMode = 'ssr' | 'client' | 'auto';

export type ChromiumCandidate = { path: string; origin: 'FFE_CHROMIUM' | 'système' | 'Playwright' };

export type RenderPlan =
  | { kind: 'ssr'; executablePath: string }
  | { kind: 'client'; reason: 'forced' | 'missing-chromium'; warning?: string };

/** Flags needed on this network: no sandbox in containers, and no background traffic that would hang on a closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** A configuration mistake the reader can fix; the message is meant to be shown as is, without a stack trace. */
export class DiagramSetupError extends Error {
  /** What to do, when it is not installing or pointing to Chromium. */
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'DiagramSetupError';
    if (hint) this.hint = hint;
  }

  /** By name, not `instanceof`: see DiagramRenderError.is. */
  static is(error: unknown): error is DiagramSetupError {
    return error instanceof Error && error.name === 'DiagramSetupError';
  }
}

/** What a build is told about Chromium: the mode (FFE_DIAGRAMS) and a browser to use instead of Debian's (FFE_CHROMIUM). */
export interface ChromiumSettings {
  mode: DiagramMode;
  chromium?: string | undefined;
}

/** FFE_DIAGRAMS as written (unset, `ssr`, `client`, `auto`, any case); anything else is a mistake the reader can fix. */
export function parseDiagramMode(value: string | undefined): DiagramMode {
  const raw = (value ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'auto') return 'auto';
  if (raw === 'ssr' || raw === 'client') return raw;
  throw new DiagramSetupError(
    `FFE_DIAGRAMS vaut « ${value} », valeur inconnue. ` +
      'Valeurs possibles : « ssr » (rendu à la construction, Chromium obligatoire), ' +
      '« client » (rendu dans le navigateur du lecteur) ou « auto » (par défaut).',
    'Corrigez la valeur de FFE_DIAGRAMS, ou retirez la variable pour le choix par défaut.',
  );
}

/** Candidates in priority order: explicit setting, Debian's package, then Playwright's own download. */
export function chromiumCandidates(explicit: string | undefined, playwrightExecutable: string | undefined): ChromiumCandidate[] {
  const candidates: ChromiumCandidate[] = [];
  if (explicit) candidates.push({ path: explicit, origin: 'FFE_CHROMIUM' });
  for (const path of SYSTEM_CHROMIUM_PATHS) candidates.push({ path, origin: 'système' });
  if (playwrightExecutable) candidates.push({ path: playwrightExecutable, origin: 'Playwright' });
  return candidates;
}

export type ChromiumLookup = {
  found?: string;
  tried: ChromiumCandidate[];
  /** FFE_CHROMIUM was set but points nowhere: never silently replaced by another browser. */
  explicitMissing?: string;
};

export function lookupChromium(
  candidates: ChromiumCandidate[],
  exists: (path: string) => boolean,
): ChromiumLookup {
  for (const candidate of candidates) {
    if (exists(candidate.path)) return { found: candidate.path, tried: candidates };
    if (candidate.origin === 'FFE_CHROMIUM') return { tried: candidates, explicitMissing: candidate.path };
  }
  return { tried: candidates };
}

export function missingChromiumMessage(lookup: ChromiumLookup): string {
  if (lookup.explicitMissing) {
    return (
      `FFE_CHROMIUM désigne « ${lookup.explicitMissing} », mais ce fichier n’existe pas. ` +
      'Corrigez le chemin, ou retirez FFE_CHROMIUM pour utiliser le paquet Debian « chromium » (/usr/bin/chromium).'
    );
  }
  const tried = lookup.tried.map((c) => c.path).join(', ');
  return (
    'Chromium est introuvable, alors que FFE_DIAGRAMS=ssr exige le rendu des diagrammes à la construction. ' +
    'Installez le paquet Debian « chromium » (sudo apt-get install chromium) ou indiquez le chemin du navigateur ' +
    `dans la variable FFE_CHROMIUM. Chemins essayés : ${tried}.`
  );
}

export const CLIENT_FALLBACK_WARNING =
  'Chromium est introuvable : les diagrammes seront dessinés dans le navigateur du lecteur (mermaid côté client), ' +
  'ce qui alourdit les pages concernées. Pour les rendre à la construction, installez le paquet Debian « chromium » ' +
  'ou indiquez son chemin dans FFE_CHROMIUM ; FFE_DIAGRAMS=ssr rend cette absence bloquante.';

export function planRendering(mode: DiagramMode, lookup: ChromiumLookup): RenderPlan {
  if (mode === 'client') return { kind: 'client', reason: 'forced' };
  if (lookup.explicitMissing) throw new DiagramSetupError(missingChromiumMessage(lookup));
  if (lookup.found) return { kind: 'ssr', executablePath: lookup.found };
  if (mode === 'ssr') throw new DiagramSetupError(missingChromiumMessage(lookup));
  return { kind: 'client', reason: 'missing-chromium', warning: CLIENT_FALLBACK_WARNING };
}

function playwrightExecutablePath(): string | undefined {
  try {
    return playwright().chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** I/O edge: looks for the browser on the file system. */
export async function resolveRenderPlan(settings: ChromiumSettings, exists: (path: string) => boolean = existsSync): Promise<RenderPlan> {
  if (settings.mode === 'client') return planRendering(settings.mode, { tried: [] });
  // Playwright's own download is the last candidate: asked for only when no other is there.
  const lookup = lookupChromium(chromiumCandidates(settings.chromium, undefined), exists);
  if (lookup.found || lookup.explicitMissing) return planRendering(settings.mode, lookup);
  return planRendering(settings.mode, lookupChromium(chromiumCandidates(settings.chromium, playwrightExecutablePath()), exists));
}
