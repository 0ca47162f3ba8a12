// I/O edge: renders mermaid diagrams to static SVG in one headless Chromium per build (one tab per core, diagrams
// asked for at the same moment sharing a round trip, those a page waits for ahead of those drawn in advance), with a
// content-addressed disk cache. Everything about *what* to draw is decided by theme.ts / svg-finish.ts; this file
// only drives the browser, the cache and the fallback policy.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  DiagramSetupError,
  diagramModeFromEnv,
  playwright,
  resolveRenderPlan,
  type DiagramMode,
  type RenderPlan,
} from './chromium.ts';
import { cacheDirOf } from '../infra/index.ts';
import type { Graph } from '../views/diagram.ts';
import { mermaidBundle, type MermaidBundle } from './mermaid-bundle.ts';
import { graphOfFlowchart, readFlowchart, type FlowchartData } from './mermaid-graph.ts';
import { sentinelTable } from './palette.ts';
import { finishSvg, type SvgMeta } from './svg-finish.ts';
import { ownShape, shapeOf } from './shared-shape.ts';
import { memoizeTextMeasure } from './text-measure.ts';
import { buildMermaidConfig, svgIdBase } from './theme.ts';

export type DiagramSource = {
  /** Stable across builds (e.g. from the resource identity); becomes the SVG id prefix. */
  id: string;
  /** Mermaid text. */
  code: string;
  /** Accessible name (<title>). */
  title: string;
  /** Longer accessible description (<desc>); may be empty. */
  description: string;
  /** Read nodes and edges back from mermaid's parser: a hand-written block has no graph of its own. */
  readGraph?: boolean;
};

export type RenderedDiagram =
  | {
      kind: 'svg';
      id: string;
      title: string;
      description: string;
      /** One self-contained SVG whose colours are CSS custom properties (palette.ts), for every theme. */
      svg: string;
      /** Drawn size in CSS pixels. */
      width: number;
      height: number;
      /** What mermaid's parser read, when asked (`readGraph`) and the diagram is a flowchart. */
      graph?: Graph;
    }
  | {
      /** No Chromium at build time: the reader's browser draws it (see client.ts). */
      kind: 'client';
      id: string;
      title: string;
      description: string;
      code: string;
      readGraph?: boolean;
    };

export type RenderStats = {
  /** Diagrams asked for, including repeats and client-side ones. */
  requested: number;
  /** Diagrams drawn by Chromium in this process. */
  rendered: number;
  /** Diagrams served from the memory or disk cache. */
  cacheHits: number;
  /** Diagrams left to the reader's browser. */
  clientSide: number;
  /** Wall time spent drawing in Chromium, launch excluded. */
  renderMs: number;
  /** Round trips to Chromium: diagrams asked for while one is running share the next. */
  batches: number;
  /** Wall time spent starting Chromium and loading mermaid. */
  launchMs: number;
  launches: number;
};

export type RenderOptions = {
  /** Drawn ahead of need: diagrams a page is waiting for are drawn first. */
  background?: boolean;
};

export type DiagramRenderer = {
  render(diagrams: readonly DiagramSource[], options?: RenderOptions): Promise<Map<string, RenderedDiagram>>;
  /**
   * Decides, before anything is bundled, whether diagrams are drawn at build time: 'ssr' when Chromium is there, which
   * commits to it (the client script is left out, so a later failure is an error). Starts Chromium in the background
   * when there is no cache to draw from.
   */
  prepare(): Promise<'ssr' | 'client'>;
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
  /**
   * mermaid's getConfig() (mermaid-bundle.ts) and text measurements (text-measure.ts) memoized in the tabs; off only
   * to compare with mermaid as shipped.
   */
  memoize?: boolean;
  /** Diagrams that differ only by their links and names drawn once (shared-shape.ts); off only to compare. */
  shareShapes?: boolean;
};

/**
 * Bump when the shape of cached entries changes. The code run in the page (finishSvg, readFlowchart) is part of the
 * key by itself.
 */
export const RENDERER_VERSION = '6';

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

  /**
   * By name, not `instanceof`: the build loads this module twice (Astro's config and the pages are two module
   * graphs), and the renderer shared by both throws the class of whichever created it.
   */
  static is(error: unknown): error is DiagramRenderError {
    return error instanceof Error && error.name === 'DiagramRenderError' && typeof (error as DiagramRenderError).diagramId === 'string';
  }
}

/** What the disk cache keeps for a diagram. */
type Drawn = { svg: string; width: number; height: number; graph?: Graph };

const localRequire = createRequire(import.meta.url);

function mermaidPackage(): { version: string; bundle: string } {
  const bundle = localRequire.resolve('mermaid/dist/mermaid.min.js');
  const { version } = localRequire('mermaid/package.json') as { version: string };
  return { version, bundle };
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return cacheDirOf('diagrams', env);
}

/** What every key shares, computed once: the renderer, the code run in the page, mermaid's configuration, the palette. */
let keyBase: string | undefined;
function cacheKeyBase(): string {
  keyBase ??= JSON.stringify([RENDERER_VERSION, [finishSvg, readFlowchart, memoizeTextMeasure].map(String), buildMermaidConfig(), sentinelTable()]);
  return keyBase;
}

/**
 * Everything that can change the output goes into the key; the SVG ids depend on the diagram id, so it does too. The
 * tabs' memos do not: they draw the same bytes (tests/render/mermaid-bundle.test.ts), and a warm build then never
 * reads mermaid's bundle.
 */
export function diagramCacheKey(diagram: DiagramSource, mermaidVersion: string): string {
  const material = JSON.stringify([mermaidVersion, diagram.id, diagram.code, diagram.title, diagram.description, diagram.readGraph === true]);
  return createHash('sha256').update(cacheKeyBase()).update(material).digest('hex');
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

type PageJob = { key: string; code: string; meta: SvgMeta; readGraph: boolean };
type PageResult = { key: string; svg?: string; flowchart?: FlowchartData; error?: string };

/** Runs in Chromium: one mermaid render per job, sequentially (mermaid keeps global state). */
async function renderInPage(jobs: PageJob[]): Promise<PageResult[]> {
  const g = globalThis as unknown as {
    mermaid: { render(id: string, code: string): Promise<{ svg: string }> };
    __ffeFinishSvg(svg: string, meta: SvgMeta): string;
    __ffeReadFlowchart(mermaid: unknown, code: string): Promise<FlowchartData | undefined>;
    __ffeForgetMeasures?: () => void;
  };
  const results: PageResult[] = [];
  for (const job of jobs) {
    // A hand-written block may style its labels in ways the measurement key does not see: it measures afresh, and
    // what it measured is not kept for the next diagram.
    if (job.readGraph) g.__ffeForgetMeasures?.();
    try {
      const { svg } = await g.mermaid.render(job.meta.svgId, job.code);
      const flowchart = job.readGraph ? await g.__ffeReadFlowchart(g.mermaid, job.code) : undefined;
      results.push({ key: job.key, svg: g.__ffeFinishSvg(svg, job.meta), ...(flowchart ? { flowchart } : {}) });
    } catch (error) {
      results.push({ key: job.key, error: error instanceof Error ? error.message : String(error) });
    } finally {
      document.body.replaceChildren();
      if (job.readGraph) g.__ffeForgetMeasures?.();
    }
  }
  return results;
}

/** One browser, and pages (tabs) that draw at the same time: Chromium gives each its own process, hence its own core. */
type Session = { browser: Browser; idle: Page[] };

/** As many tabs as the machine has cores, up to four: pages of the site are rendered meanwhile, on the same cores. */
export const DIAGRAM_TABS = Math.min(4, Math.max(1, availableParallelism()));

async function openTab(browser: Browser, bundle: MermaidBundle, memoizeMeasures: boolean): Promise<Page> {
  const page = await browser.newPage();
  // Nothing in a diagram needs the network; a stray request must fail fast rather than hang the build.
  await page.route('**/*', (route) => route.abort());
  await page.setContent('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ content: bundle.text });
  await page.evaluate(
    `globalThis.__ffeFinishSvg = (${finishSvg.toString()});\n` +
      `globalThis.__ffeReadFlowchart = (${readFlowchart.toString()});\n` +
      (memoizeMeasures ? `(${memoizeTextMeasure.toString()})();\n` : '') +
      `globalThis.mermaid.initialize(${JSON.stringify(buildMermaidConfig())});`,
  );
  return page;
}

async function launchSession(executablePath: string, bundle: MermaidBundle, memoizeMeasures: boolean): Promise<Session> {
  const browser = await playwright().chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const idle = await Promise.all(Array.from({ length: DIAGRAM_TABS }, () => openTab(browser, bundle, memoizeMeasures)));
    return { browser, idle };
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

/** Diagrams per round trip to Chromium: large enough to amortise the call, small enough to start writing early. */
const JOBS_PER_ROUND_TRIP = 16;

type Waiting = {
  key: string;
  diagram: DiagramSource;
  /** Drawn ahead of need (prefetch): anything a page waits for goes first. */
  background: boolean;
  resolve: (drawn: Drawn) => void;
  reject: (error: unknown) => void;
};

/** The drawn size, from the width and height finishSvg() wrote on the root element. */
function sizeOf(svg: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: read('width'), height: read('height') };
}

export function createDiagramRenderer(options: DiagramRendererOptions = {}): DiagramRenderer {
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((message: string) => console.warn(`[ffe:diagrammes] ${message}`));
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir(env) : options.cacheDir;
  const idleCloseMs = options.idleCloseMs ?? 30_000;
  const shareShapes = options.shareShapes !== false;
  const stats: RenderStats = {
    requested: 0,
    rendered: 0,
    cacheHits: 0,
    clientSide: 0,
    renderMs: 0,
    batches: 0,
    launchMs: 0,
    launches: 0,
  };
  const memory = new Map<string, Promise<Drawn>>();
  let planPromise: Promise<RenderPlan> | undefined;
  let mode: DiagramMode | undefined;
  let warned = false;
  /** Chromium started when the build was prepared: the client script is then left out, so no later fallback. */
  let committed = false;
  let session: Promise<Session> | undefined;
  let waiting: Waiting[] = [];
  let pumpScheduled = false;
  const inFlight = new Set<Promise<void>>();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let pkg: { version: string; bundle: string } | undefined;

  const mermaidInfo = () => (pkg ??= mermaidPackage());
  let bundle: MermaidBundle | undefined;
  const mermaidCode = (): MermaidBundle => {
    if (!bundle) {
      bundle = mermaidBundle(mermaidInfo().bundle, options.memoize ?? true);
      if (!bundle.memoized && options.memoize !== false) {
        warn(`mermaid ${mermaidInfo().version} : getConfig() introuvable dans le paquet, les schémas sont dessinés sans mémoïsation (plus lentement).`);
      }
    }
    return bundle;
  };

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
      if (inFlight.size === 0) void closeSession();
    }, idleCloseMs);
    idleTimer.unref?.();
  }

  function openSession(executablePath: string): Promise<Session> {
    if (!session) {
      const started = performance.now();
      const opening = launchSession(executablePath, mermaidCode(), options.memoize ?? true).then((s) => {
        stats.launchMs += performance.now() - started;
        stats.launches++;
        return s;
      });
      session = opening;
      opening.catch(() => {
        if (session === opening) session = undefined;
      });
    }
    return session;
  }

  async function readCache(key: string): Promise<Drawn | undefined> {
    if (cacheDir === false) return undefined;
    try {
      const parsed = JSON.parse(await readFile(path.join(cacheDir, `${key}.json`), 'utf8')) as Partial<Drawn>;
      return typeof parsed.svg === 'string' && typeof parsed.width === 'number' && typeof parsed.height === 'number'
        ? { svg: parsed.svg, width: parsed.width, height: parsed.height, ...(parsed.graph ? { graph: parsed.graph } : {}) }
        : undefined;
    } catch {
      return undefined;
    }
  }

  async function writeCache(key: string, drawn: Drawn): Promise<void> {
    if (cacheDir === false) return;
    try {
      await mkdir(cacheDir, { recursive: true });
      const file = path.join(cacheDir, `${key}.json`);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(drawn));
      await rename(temporary, file);
    } catch (error) {
      warn(`le cache des diagrammes (${cacheDir}) n’a pas pu être écrit : ${(error as Error).message}`);
    }
  }

  /** The next round trip's diagrams: those a page waits for first, then those drawn ahead. */
  function nextBatch(): Waiting[] {
    const urgent = waiting.filter((w) => !w.background);
    const batch = [...urgent, ...waiting.filter((w) => w.background)].slice(0, JOBS_PER_ROUND_TRIP);
    waiting = waiting.filter((w) => !batch.includes(w));
    return batch;
  }

  /** One round trip: a batch drawn in a free tab, each diagram settled on its own. */
  async function drawBatch(executablePath: string, batch: Waiting[]): Promise<void> {
    const current = await openSession(executablePath);
    const page = current.idle.pop();
    if (!page) throw new Error('aucun onglet libre dans Chromium');
    const colours = sentinelTable();
    const jobs: PageJob[] = batch.map(({ key, diagram }) => ({
      key,
      code: diagram.code,
      readGraph: diagram.readGraph === true,
      meta: { svgId: svgIdBase(diagram.id), title: diagram.title, description: diagram.description, colours },
    }));
    const started = performance.now();
    let results: PageResult[];
    try {
      results = await page.evaluate(renderInPage, jobs);
    } finally {
      stats.renderMs += performance.now() - started;
      stats.batches++;
      current.idle.push(page);
    }
    const writes: Promise<void>[] = [];
    for (const entry of batch) {
      const result = results.find((r) => r.key === entry.key);
      if (!result || result.error !== undefined || result.svg === undefined) {
        entry.reject(new DiagramRenderError(entry.diagram.id, result?.error ?? 'aucun résultat'));
        continue;
      }
      const svg = result.svg;
      const drawn: Drawn = { svg, ...sizeOf(svg), ...(result.flowchart ? { graph: graphOfFlowchart(result.flowchart) } : {}) };
      stats.rendered++;
      // The page waiting for it goes on; the round trip (which close() waits for) ends once the cache is written.
      entry.resolve(drawn);
      writes.push(writeCache(entry.key, drawn));
    }
    await Promise.all(writes);
  }

  /**
   * Draws in Chromium, one round trip per tab at a time: what is asked for while the tabs are busy waits for the next
   * free tab, together.
   */
  function draw(executablePath: string, key: string, diagram: DiagramSource, background: boolean): Promise<Drawn> {
    const drawn = new Promise<Drawn>((resolve, reject) => waiting.push({ key, diagram, background, resolve, reject }));
    if (idleTimer) clearTimeout(idleTimer);
    // Let the requests of the same moment (a page with several diagrams, pages rendered together) join.
    if (!pumpScheduled) {
      pumpScheduled = true;
      setImmediate(() => {
        pumpScheduled = false;
        pump(executablePath);
      });
    }
    return drawn;
  }

  function pump(executablePath: string): void {
    while (waiting.length > 0 && inFlight.size < DIAGRAM_TABS) {
      const batch = nextBatch();
      const trip: Promise<void> = drawBatch(executablePath, batch)
        .catch((error: unknown) => {
          for (const entry of batch) entry.reject(error);
        })
        .finally(() => {
          inFlight.delete(trip);
          pump(executablePath);
          if (inFlight.size === 0 && waiting.length === 0) scheduleIdleClose();
        });
      inFlight.add(trip);
    }
  }

  async function launchFailed(error: unknown): Promise<void> {
    if (DiagramRenderError.is(error) || DiagramSetupError.is(error)) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (mode === 'ssr' || committed) {
      throw new DiagramSetupError(
        `Chromium n’a pas pu dessiner les diagrammes (${reason}). ` +
          'Vérifiez le paquet Debian « chromium » ou le chemin indiqué dans FFE_CHROMIUM.',
      );
    }
    warnOnce(
      `Chromium n’a pas pu démarrer (${reason}) : les diagrammes seront dessinés dans le navigateur du lecteur. ` +
        'FFE_DIAGRAMS=ssr rend cette erreur bloquante.',
    );
    planPromise = Promise.resolve({ kind: 'client', reason: 'missing-chromium' });
  }

  async function prepare(): Promise<'ssr' | 'client'> {
    const current = await plan();
    if (current.kind === 'client') return 'client';
    committed = true;
    // Without a cache (a fresh clone), nearly every diagram will be drawn: Chromium starts now, while the manifests
    // are read and the site is bundled. A failure to start shows at the first diagram. With a cache, most diagrams
    // come from it: Chromium starts at the first one it lacks, if any.
    if (cacheDir === false || !existsSync(cacheDir)) {
      openSession(current.executablePath).then(scheduleIdleClose, () => {});
    }
    return 'ssr';
  }

  async function render(diagrams: readonly DiagramSource[], options: RenderOptions = {}): Promise<Map<string, RenderedDiagram>> {
    const background = options.background === true;
    assertConsistentIds(diagrams);
    stats.requested += diagrams.length;
    const result = new Map<string, RenderedDiagram>();
    const asClient = (diagram: DiagramSource): RenderedDiagram => {
      stats.clientSide++;
      return { kind: 'client', ...pick(diagram), code: diagram.code, ...(diagram.readGraph ? { readGraph: true } : {}) };
    };
    const current = await plan();
    if (current.kind === 'client' && current.reason === 'forced') {
      for (const diagram of diagrams) result.set(diagram.id, asClient(diagram));
      return result;
    }

    const { version } = mermaidInfo();
    const keyed = unique(diagrams).map((diagram) => {
      const shape = shareShapes ? shapeOf(diagram) : ownShape(diagram);
      return { diagram, shape, key: diagramCacheKey(shape.source, version) };
    });
    const found = new Map<string, Drawn>();
    const pending: Promise<void>[] = [];
    for (const { diagram, shape, key } of keyed) {
      let drawing = memory.get(key);
      if (drawing) {
        stats.cacheHits++;
        // Asked for by a page while still waiting as a prefetch: it now goes first.
        if (!background) for (const entry of waiting) if (entry.key === key) entry.background = false;
      } else {
        drawing = readCache(key).then((cached) => {
          if (cached) {
            stats.cacheHits++;
            return cached;
          }
          if (current.kind !== 'ssr') throw new ClientSide();
          return draw(current.executablePath, key, shape.source, background);
        });
        memory.set(key, drawing);
        drawing.catch(() => memory.delete(key));
      }
      pending.push(
        drawing.then(
          (drawn) => void found.set(key, drawn),
          (error: unknown) => {
            // Told about the diagram the author knows, not the shape drawn for it.
            throw DiagramRenderError.is(error) && error.diagramId === shape.source.id ? new DiagramRenderError(diagram.id, error.mermaidMessage) : error;
          },
        ),
      );
    }
    const failures = (await Promise.allSettled(pending)).flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const failure = failures.find((f) => !(f instanceof ClientSide));
    if (failure !== undefined) await launchFailed(failure);

    for (const { diagram, shape, key } of keyed) {
      const drawn = found.get(key);
      if (drawn) result.set(diagram.id, { kind: 'svg', ...pick(diagram), ...drawn, svg: shape.dress(drawn.svg) });
    }
    for (const diagram of diagrams) if (!result.has(diagram.id)) result.set(diagram.id, asClient(diagram));
    return result;
  }

  return {
    render,
    prepare,
    async close() {
      while (inFlight.size > 0 || waiting.length > 0 || pumpScheduled) {
        await Promise.allSettled([...inFlight]);
        await new Promise((r) => setImmediate(r));
      }
      await closeSession();
    },
    get stats() {
      return { ...stats };
    },
  };
}

/** Not an error: the diagram is left to the reader's browser. */
class ClientSide extends Error {}

function pick(diagram: DiagramSource): { id: string; title: string; description: string } {
  return { id: diagram.id, title: diagram.title, description: diagram.description };
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

