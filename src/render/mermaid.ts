// I/O edge: renders mermaid diagrams to static SVG in one headless Chromium per build, with a content-addressed
// disk cache. Everything about *what* to draw is decided by theme.ts / svg-finish.ts; this file only drives the
// browser, the cache and the fallback policy.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
// A static import: the renderer may outlive the module loader that first evaluated this file (Astro loads the config,
// and this module with it, through a Vite runner it closes afterwards), so nothing may be imported lazily here.
import { chromium, type Browser, type Page } from 'playwright-core';
import { optimize } from 'svgo';
import {
  CHROMIUM_ARGS,
  DiagramSetupError,
  diagramModeFromEnv,
  resolveRenderPlan,
  type DiagramMode,
  type RenderPlan,
} from './chromium.ts';
import type { RenderedDiagram } from './markup.ts';
import { finishSvg, type SvgMeta } from './svg-finish.ts';
import { THEME_VARIANTS, mermaidConfig, svgIdFor, type ThemeVariant } from './theme.ts';

export type { RenderedDiagram } from './markup.ts';

export type DiagramSource = {
  /** Stable across builds (e.g. from the resource identity); becomes the SVG id prefix. */
  id: string;
  /** Mermaid text. */
  code: string;
  /** Accessible name (<title>). */
  title: string;
  /** Longer accessible description (<desc>); may be empty. */
  description: string;
};

export type RenderStats = {
  /** Diagrams asked for, including repeats and client-side ones. */
  requested: number;
  /** Diagrams drawn by Chromium in this process (both variants count as one). */
  rendered: number;
  /** Diagrams served from the memory or disk cache. */
  cacheHits: number;
  /** Diagrams left to the reader's browser. */
  clientSide: number;
  /** Wall time spent drawing in Chromium, launch excluded. */
  renderMs: number;
  /** Wall time spent starting Chromium and loading mermaid. */
  launchMs: number;
  launches: number;
};

export type DiagramRenderer = {
  render(diagrams: readonly DiagramSource[]): Promise<Map<string, RenderedDiagram>>;
  close(): Promise<void>;
  /** A snapshot; read it after `render` for the bench. */
  readonly stats: RenderStats;
};

export type DiagramRendererOptions = {
  env?: NodeJS.ProcessEnv;
  /** Skips Chromium detection (tests, or a caller that already decided). */
  plan?: RenderPlan;
  /** Where rendered SVG are kept between builds; `false` disables the disk cache. */
  cacheDir?: string | false;
  warn?: (message: string) => void;
  /** Chromium is closed after this long without work so a forgotten close() never keeps the process alive. */
  idleCloseMs?: number;
};

/** Bump when the post-processing (svg-finish.ts) or the markup of cached entries changes. */
export const RENDERER_VERSION = '3';

/** A diagram that mermaid refused; the message is shown to the author as is. */
export class DiagramRenderError extends Error {
  readonly diagramId: string;
  readonly mermaidMessage: string;
  constructor(diagramId: string, mermaidMessage: string) {
    super(`Le diagramme « ${diagramId} » n’a pas pu être dessiné par mermaid : ${mermaidMessage}`);
    this.name = 'DiagramRenderError';
    this.diagramId = diagramId;
    this.mermaidMessage = mermaidMessage;
  }
}

type Variants = { light: string; dark: string };

const localRequire = createRequire(import.meta.url);

function mermaidPackage(): { version: string; bundle: string } {
  const bundle = localRequire.resolve('mermaid/dist/mermaid.min.js');
  const { version } = localRequire('mermaid/package.json') as { version: string };
  return { version, bundle };
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FFE_CACHE_DIR?.trim() || path.resolve(process.cwd(), 'node_modules/.cache/ffe-diagrams');
}

/** Everything that can change the output goes into the key; the SVG ids depend on the diagram id, so it does too. */
export function diagramCacheKey(diagram: DiagramSource, mermaidVersion: string): string {
  const material = JSON.stringify([
    RENDERER_VERSION,
    mermaidVersion,
    THEME_VARIANTS.map((variant) => mermaidConfig(variant)),
    diagram.id,
    diagram.code,
    diagram.title,
    diagram.description,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

function assertConsistentIds(diagrams: readonly DiagramSource[]): void {
  const seen = new Map<string, DiagramSource>();
  for (const diagram of diagrams) {
    const previous = seen.get(diagram.id);
    if (previous && (previous.code !== diagram.code || previous.title !== diagram.title)) {
      throw new Error(
        `Deux diagrammes différents portent l’identifiant « ${diagram.id} » : ` +
          'chaque diagramme doit avoir un identifiant unique (il sert à nommer les éléments du SVG).',
      );
    }
    seen.set(diagram.id, diagram);
  }
}

type PageJob = { key: string; code: string; config: Record<string, unknown>; meta: SvgMeta };
type PageResult = { key: string; svg?: string; error?: string };

/** Runs in Chromium: one mermaid render per job, sequentially (mermaid keeps global state). */
async function renderInPage(jobs: PageJob[]): Promise<PageResult[]> {
  const g = globalThis as unknown as {
    mermaid: {
      initialize(config: Record<string, unknown>): void;
      render(id: string, code: string): Promise<{ svg: string }>;
    };
    __ffeFinishSvg(svg: string, meta: SvgMeta): string;
  };
  const results: PageResult[] = [];
  let configured = '';
  for (const job of jobs) {
    try {
      const config = JSON.stringify(job.config);
      if (config !== configured) {
        g.mermaid.initialize(job.config);
        configured = config;
      }
      const { svg } = await g.mermaid.render(job.meta.svgId, job.code);
      results.push({ key: job.key, svg: g.__ffeFinishSvg(svg, job.meta) });
    } catch (error) {
      results.push({ key: job.key, error: error instanceof Error ? error.message : String(error) });
    } finally {
      document.body.replaceChildren();
    }
  }
  return results;
}

/**
 * mermaid writes coordinates with every float digit and draws some shapes twice: a large diagram reaches 800 KB.
 * Rounding numbers and rewriting path data (svgo) divides that by about six and changes nothing a reader sees; ids,
 * styles, links and accessible names are left alone.
 */
export function compactSvg(svg: string): string {
  return optimize(svg, {
    multipass: false,
    plugins: [
      { name: 'convertPathData', params: { floatPrecision: 1 } },
      { name: 'cleanupNumericValues', params: { floatPrecision: 2 } },
      { name: 'convertTransform', params: { floatPrecision: 2 } },
    ],
  }).data;
}

type Session = { browser: Browser; page: Page };

async function launchSession(executablePath: string, bundle: string): Promise<Session> {
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    // Nothing in a diagram needs the network; a stray request must fail fast rather than hang the build.
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: bundle });
    await page.evaluate(`globalThis.__ffeFinishSvg = (${finishSvg.toString()});`);
    return { browser, page };
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

const JOBS_PER_ROUND_TRIP = 16;

export function createDiagramRenderer(options: DiagramRendererOptions = {}): DiagramRenderer {
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((message: string) => console.warn(`[ffe:diagrammes] ${message}`));
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir(env) : options.cacheDir;
  const idleCloseMs = options.idleCloseMs ?? 10_000;
  const stats: RenderStats = {
    requested: 0,
    rendered: 0,
    cacheHits: 0,
    clientSide: 0,
    renderMs: 0,
    launchMs: 0,
    launches: 0,
  };
  const memory = new Map<string, Promise<Variants>>();
  let planPromise: Promise<RenderPlan> | undefined;
  let mode: DiagramMode | undefined;
  let warned = false;
  let session: Promise<Session> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let pkg: { version: string; bundle: string } | undefined;

  const mermaidInfo = () => (pkg ??= mermaidPackage());

  function warnOnce(message: string): void {
    if (warned) return;
    warned = true;
    warn(message);
  }

  async function plan(): Promise<RenderPlan> {
    mode ??= diagramModeFromEnv(env);
    planPromise ??= options.plan ? Promise.resolve(options.plan) : resolveRenderPlan(env);
    const resolved = await planPromise;
    if (resolved.kind === 'client' && resolved.warning) warnOnce(resolved.warning);
    return resolved;
  }

  async function closeSession(): Promise<void> {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    const current = session;
    session = undefined;
    if (current) await (await current.catch(() => undefined))?.browser.close().catch(() => {});
  }

  function scheduleIdleClose(): void {
    if (idleCloseMs <= 0) return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      queue = queue.then(closeSession);
    }, idleCloseMs);
    idleTimer.unref?.();
  }

  function openSession(executablePath: string): Promise<Session> {
    if (!session) {
      const started = performance.now();
      session = launchSession(executablePath, mermaidInfo().bundle).then((s) => {
        stats.launchMs += performance.now() - started;
        stats.launches++;
        return s;
      });
      session.catch(() => {
        session = undefined;
      });
    }
    return session;
  }

  async function readCache(key: string): Promise<Variants | undefined> {
    if (cacheDir === false) return undefined;
    try {
      const parsed = JSON.parse(await readFile(path.join(cacheDir, `${key}.json`), 'utf8')) as Partial<Variants>;
      return typeof parsed.light === 'string' && typeof parsed.dark === 'string'
        ? { light: parsed.light, dark: parsed.dark }
        : undefined;
    } catch {
      return undefined;
    }
  }

  async function writeCache(key: string, variants: Variants): Promise<void> {
    if (cacheDir === false) return;
    try {
      await mkdir(cacheDir, { recursive: true });
      const file = path.join(cacheDir, `${key}.json`);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(variants));
      await rename(temporary, file);
    } catch (error) {
      warn(`le cache des diagrammes (${cacheDir}) n’a pas pu être écrit : ${(error as Error).message}`);
    }
  }

  /** Draws the given diagrams in Chromium, serialised behind any render already running. */
  function drawInChromium(
    executablePath: string,
    pending: { key: string; diagram: DiagramSource }[],
  ): Promise<Map<string, Variants>> {
    const run = async (): Promise<Map<string, Variants>> => {
      if (idleTimer) clearTimeout(idleTimer);
      const { page } = await openSession(executablePath);
      const started = performance.now();
      // Grouped by variant: mermaid.initialize is only called again when the configuration changes.
      const jobs: PageJob[] = THEME_VARIANTS.flatMap((variant: ThemeVariant) =>
        pending.map(({ key, diagram }) => ({
          key: `${key}:${variant}`,
          code: diagram.code,
          config: mermaidConfig(variant),
          meta: { svgId: svgIdFor(diagram.id, variant), title: diagram.title, description: diagram.description },
        })),
      );
      const svgs = new Map<string, string>();
      try {
        for (let i = 0; i < jobs.length; i += JOBS_PER_ROUND_TRIP) {
          const results = await page.evaluate(renderInPage, jobs.slice(i, i + JOBS_PER_ROUND_TRIP));
          for (const result of results) {
            if (result.error !== undefined) {
              const diagram = pending.find((p) => result.key.startsWith(`${p.key}:`))!.diagram;
              throw new DiagramRenderError(diagram.id, result.error);
            }
            svgs.set(result.key, compactSvg(result.svg!));
          }
        }
      } finally {
        stats.renderMs += performance.now() - started;
        scheduleIdleClose();
      }
      const out = new Map<string, Variants>();
      for (const { key } of pending) {
        out.set(key, { light: svgs.get(`${key}:light`)!, dark: svgs.get(`${key}:dark`)! });
        stats.rendered++;
      }
      return out;
    };
    const result = queue.then(run);
    queue = result.catch(() => {});
    return result;
  }

  async function launchFailed(error: unknown): Promise<never | 'fallback'> {
    if (error instanceof DiagramRenderError) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (mode === 'ssr') {
      throw new DiagramSetupError(
        `Chromium n’a pas pu démarrer pour dessiner les diagrammes (${reason}). ` +
          'Vérifiez le paquet Debian « chromium » ou le chemin indiqué dans FFE_CHROMIUM.',
      );
    }
    warnOnce(
      `Chromium n’a pas pu démarrer (${reason}) : les diagrammes seront dessinés dans le navigateur du lecteur. ` +
        'FFE_DIAGRAMS=ssr rend cette erreur bloquante.',
    );
    planPromise = Promise.resolve({ kind: 'client', reason: 'missing-chromium' });
    return 'fallback';
  }

  async function render(diagrams: readonly DiagramSource[]): Promise<Map<string, RenderedDiagram>> {
    assertConsistentIds(diagrams);
    stats.requested += diagrams.length;
    const result = new Map<string, RenderedDiagram>();
    const asClient = (diagram: DiagramSource): RenderedDiagram => {
      stats.clientSide++;
      return { kind: 'client', ...pick(diagram) };
    };
    const current = await plan();
    if (current.kind === 'client' && current.reason === 'forced') {
      for (const diagram of diagrams) result.set(diagram.id, asClient(diagram));
      return result;
    }

    const { version } = mermaidInfo();
    const keyed = unique(diagrams).map((diagram) => ({ diagram, key: diagramCacheKey(diagram, version) }));
    const found = new Map<string, Variants>();
    const missing: { key: string; diagram: DiagramSource }[] = [];
    for (const entry of keyed) {
      const known = memory.get(entry.key);
      if (known) {
        found.set(entry.key, await known);
        stats.cacheHits++;
        continue;
      }
      const cached = await readCache(entry.key);
      if (cached) {
        memory.set(entry.key, Promise.resolve(cached));
        found.set(entry.key, cached);
        stats.cacheHits++;
      } else {
        missing.push(entry);
      }
    }

    if (missing.length > 0 && current.kind === 'ssr') {
      const drawing = drawInChromium(current.executablePath, missing);
      for (const { key } of missing) {
        const one = drawing.then((all) => all.get(key)!);
        one.catch(() => memory.delete(key));
        memory.set(key, one);
      }
      try {
        const drawn = await drawing;
        for (const [key, variants] of drawn) {
          found.set(key, variants);
          await writeCache(key, variants);
        }
      } catch (error) {
        await launchFailed(error);
      }
    }

    for (const { diagram, key } of keyed) {
      const variants = found.get(key);
      if (!variants) continue;
      const rendered: RenderedDiagram = { kind: 'svg', ...pick(diagram), ...variants };
      result.set(diagram.id, rendered);
    }
    for (const diagram of diagrams) if (!result.has(diagram.id)) result.set(diagram.id, asClient(diagram));
    return result;
  }

  return {
    render,
    async close() {
      await queue.catch(() => {});
      await closeSession();
    },
    get stats() {
      return { ...stats };
    },
  };
}

function pick(diagram: DiagramSource): DiagramSource {
  return { id: diagram.id, code: diagram.code, title: diagram.title, description: diagram.description };
}

function unique(diagrams: readonly DiagramSource[]): DiagramSource[] {
  const byId = new Map<string, DiagramSource>();
  for (const diagram of diagrams) byId.set(diagram.id, diagram);
  return [...byId.values()];
}

// One renderer for the whole build, shared by the MDX plugin and the components even if this module is loaded
// twice (Astro's config loader and the prerender bundle are separate module graphs in the same process).
const SINGLETON = Symbol.for('ffe.diagramRenderer');
type Holder = { [SINGLETON]?: DiagramRenderer };

export function getDiagramRenderer(options?: DiagramRendererOptions): DiagramRenderer {
  const holder = globalThis as Holder;
  return (holder[SINGLETON] ??= createDiagramRenderer(options));
}

/** Call from `astro:build:done`; returns the build's counters for logs and the bench. */
export async function closeDiagramRenderer(): Promise<RenderStats | undefined> {
  const holder = globalThis as Holder;
  const renderer = holder[SINGLETON];
  if (!renderer) return undefined;
  delete holder[SINGLETON];
  await renderer.close();
  return renderer.stats;
}

