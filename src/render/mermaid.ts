// I/O edge: renders mermaid diagrams to static SVG at build time. The renderer decides, for each diagram, between the
// drawings already made (this build's, then the disk cache: diagram-cache.ts), Chromium (chromium-session.ts, fed
// in batches by draw-queue.ts) and the reader's browser when there is no Chromium. Everything about *what* to draw
// is decided by theme.ts / svg-finish.ts; this file only decides where each drawing comes from.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DiagramSetupError, resolveRenderPlan, type DiagramMode, type RenderPlan } from './chromium.ts';
import { ChromiumSession, DIAGRAM_TABS, type PageJob, type PageResult } from './chromium-session.ts';
import { diagramCacheKey, diskCache, NO_CACHE, type DiagramCache, type Drawn } from './diagram-cache.ts';
import { DrawQueue, type DrawRequest, type Settle } from './draw-queue.ts';
import { mermaidBundle, type MermaidBundle } from './mermaid-bundle.ts';
import { graphOfFlowchart } from './mermaid-graph.ts';
import { sentinelTable } from './palette.ts';
import { ownShape, shapeOf, type Shape } from './shared-shape.ts';
import { svgIdBase } from './theme.ts';
import type { Graph } from '../views/diagram.ts';

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
  /** FFE_DIAGRAMS (src/site/settings.ts): 'ssr' requires Chromium, 'client' never uses it; default 'auto'. */
  mode?: DiagramMode;
  /** FFE_CHROMIUM: a browser to use instead of Debian's. */
  chromium?: string | undefined;
  /** Skips Chromium detection (tests, or a caller that already decided). */
  plan?: RenderPlan;
  /** Where rendered SVG are kept between builds; `false` (the default) keeps none. */
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

const localRequire = createRequire(import.meta.url);

function mermaidPackage(): { version: string; bundle: string } {
  const bundle = localRequire.resolve('mermaid/dist/mermaid.min.js');
  const { version } = localRequire('mermaid/package.json') as { version: string };
  return { version, bundle };
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

/** Diagrams per round trip to Chromium: large enough to amortise the call, small enough to start writing early. */
const JOBS_PER_ROUND_TRIP = 16;

/** The drawn size, from the width and height finishSvg() wrote on the root element. */
function sizeOf(svg: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: read('width'), height: read('height') };
}

/** A page's diagram as mermaid receives it. */
function pageJob(key: string, diagram: DiagramSource, colours: ReturnType<typeof sentinelTable>): PageJob {
  return {
    key,
    code: diagram.code,
    readGraph: diagram.readGraph === true,
    meta: { svgId: svgIdBase(diagram.id), title: diagram.title, description: diagram.description, colours },
  };
}

/** What the page returned for one diagram, as kept and shown. */
function drawnOf(result: PageResult | undefined, diagram: DiagramSource): Drawn | DiagramRenderError {
  if (!result || result.error !== undefined || result.svg === undefined) return new DiagramRenderError(diagram.id, result?.error ?? 'aucun résultat');
  return { svg: result.svg, ...sizeOf(result.svg), ...(result.flowchart ? { graph: graphOfFlowchart(result.flowchart) } : {}) };
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

type Keyed = { diagram: DiagramSource; shape: Shape; key: string };

class MermaidRenderer implements DiagramRenderer {
  private readonly options: DiagramRendererOptions;
  private readonly warn: (message: string) => void;
  private readonly cache: DiagramCache;
  private readonly counters = { requested: 0, rendered: 0, cacheHits: 0, clientSide: 0, renderMs: 0 };
  /** This build's drawings (and those on their way), by key. */
  private readonly memory = new Map<string, Promise<Drawn>>();
  private readonly queue: DrawQueue<DiagramSource, Drawn>;
  private session: ChromiumSession | undefined;
  private planned: Promise<RenderPlan> | undefined;
  private warned = false;
  /** Chromium started when the build was prepared: the client script is then left out, so no later fallback. */
  private committed = false;
  private pkg: { version: string; bundle: string } | undefined;
  private bundle: MermaidBundle | undefined;

  constructor(options: DiagramRendererOptions) {
    this.options = options;
    this.warn = options.warn ?? ((message: string) => console.warn(`[ffe:diagrammes] ${message}`));
    this.cache = options.cacheDir ? diskCache(options.cacheDir, this.warn) : NO_CACHE;
    this.queue = new DrawQueue({ lanes: DIAGRAM_TABS, perTrip: JOBS_PER_ROUND_TRIP, drawBatch: (batch, settle) => this.drawBatch(batch, settle) });
  }

  get stats(): RenderStats {
    const session = this.session?.stats ?? { launchMs: 0, launches: 0 };
    return { ...this.counters, batches: this.queue.batches, ...session };
  }

  async prepare(): Promise<'ssr' | 'client'> {
    const plan = await this.plan();
    if (plan.kind === 'client') return 'client';
    this.committed = true;
    // Without a cache (a fresh clone), nearly every diagram will be drawn: Chromium starts now, while the manifests
    // are read and the site is bundled. A failure to start shows at the first diagram. With a cache, most diagrams
    // come from it: Chromium starts at the first one it lacks, if any.
    if (!this.options.cacheDir || !existsSync(this.options.cacheDir)) this.chromium(plan.executablePath).open().catch(() => {});
    return 'ssr';
  }

  async render(diagrams: readonly DiagramSource[], options: RenderOptions = {}): Promise<Map<string, RenderedDiagram>> {
    assertConsistentIds(diagrams);
    this.counters.requested += diagrams.length;
    const plan = await this.plan();
    const result = new Map<string, RenderedDiagram>();
    if (plan.kind !== 'client' || plan.reason !== 'forced') {
      const { version } = this.mermaidInfo();
      const keyed = unique(diagrams).map((diagram): Keyed => {
        const shape = this.options.shareShapes === false ? ownShape(diagram) : shapeOf(diagram);
        return { diagram, shape, key: diagramCacheKey(shape.source, version) };
      });
      const found = await this.drawings(keyed, plan, options.background === true);
      for (const { diagram, shape, key } of keyed) {
        const drawn = found.get(key);
        if (drawn) result.set(diagram.id, { kind: 'svg', ...pick(diagram), ...drawn, svg: shape.dress(drawn.svg) });
      }
    }
    for (const diagram of diagrams) if (!result.has(diagram.id)) result.set(diagram.id, this.asClient(diagram));
    return result;
  }

  async close(): Promise<void> {
    await this.queue.idle();
    await this.session?.close();
  }

  /** The drawings of `keyed`, by key: from this build, the disk cache or Chromium; none left to the browser. */
  private async drawings(keyed: readonly Keyed[], plan: RenderPlan, background: boolean): Promise<Map<string, Drawn>> {
    const found = new Map<string, Drawn>();
    const pending = keyed.map(({ diagram, shape, key }) =>
      this.drawing(key, shape.source, plan, background).then(
        (drawn) => void found.set(key, drawn),
        (error: unknown) => {
          // Told about the diagram the author knows, not the shape drawn for it.
          throw DiagramRenderError.is(error) && error.diagramId === shape.source.id ? new DiagramRenderError(diagram.id, error.mermaidMessage) : error;
        },
      ),
    );
    const failures = (await Promise.allSettled(pending)).flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const failure = failures.find((f) => !(f instanceof ClientSide));
    if (failure !== undefined) this.launchFailed(failure);
    return found;
  }

  /** One drawing: the one this build already has or is making, else the cache's, else Chromium's. */
  private drawing(key: string, source: DiagramSource, plan: RenderPlan, background: boolean): Promise<Drawn> {
    const known = this.memory.get(key);
    if (known) {
      this.counters.cacheHits++;
      // Asked for by a page while still waiting as a prefetch: it now goes first.
      if (!background) this.queue.prioritise(key);
      return known;
    }
    const drawing = this.cache.read(key).then((cached) => {
      if (cached) {
        this.counters.cacheHits++;
        return cached;
      }
      if (plan.kind !== 'ssr') throw new ClientSide();
      this.chromium(plan.executablePath);
      return this.queue.request(key, source, background);
    });
    this.memory.set(key, drawing);
    drawing.catch(() => this.memory.delete(key));
    return drawing;
  }

  /** One round trip: a batch drawn in a free tab, each diagram settled on its own, then kept in the cache. */
  private async drawBatch(batch: readonly DrawRequest<DiagramSource>[], settle: Settle<Drawn>): Promise<void> {
    const colours = sentinelTable();
    const started = performance.now();
    let results: PageResult[];
    try {
      results = await this.session!.draw(batch.map(({ key, source }) => pageJob(key, source, colours)));
    } finally {
      this.counters.renderMs += performance.now() - started;
    }
    const writes: Promise<void>[] = [];
    for (const { key, source } of batch) {
      const drawn = drawnOf(results.find((r) => r.key === key), source);
      if (drawn instanceof DiagramRenderError) {
        settle(key, { error: drawn });
        continue;
      }
      this.counters.rendered++;
      // The page waiting for it goes on; the round trip (which close() waits for) ends once the cache is written.
      settle(key, { value: drawn });
      writes.push(this.cache.write(key, drawn));
    }
    await Promise.all(writes);
  }

  /** The build's Chromium, ready to start: one session, whose tabs (DIAGRAM_TABS) are the queue's lanes. */
  private chromium(executablePath: string): ChromiumSession {
    this.session ??= new ChromiumSession({
      executablePath,
      bundle: () => this.mermaidCode(),
      memoizeMeasures: this.options.memoize ?? true,
      idleCloseMs: this.options.idleCloseMs ?? 30_000,
    });
    return this.session;
  }

  private async plan(): Promise<RenderPlan> {
    const { mode = 'auto', chromium } = this.options;
    this.planned ??= this.options.plan ? Promise.resolve(this.options.plan) : resolveRenderPlan({ mode, chromium });
    const plan = await this.planned;
    if (plan.kind === 'client' && plan.warning) this.warnOnce(plan.warning);
    return plan;
  }

  private launchFailed(error: unknown): void {
    if (DiagramRenderError.is(error) || DiagramSetupError.is(error)) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (this.options.mode === 'ssr' || this.committed) {
      throw new DiagramSetupError(
        `Chromium n’a pas pu dessiner les diagrammes (${reason}). ` + 'Vérifiez le paquet Debian « chromium » ou le chemin indiqué dans FFE_CHROMIUM.',
      );
    }
    this.warnOnce(
      `Chromium n’a pas pu démarrer (${reason}) : les diagrammes seront dessinés dans le navigateur du lecteur. ` +
        'FFE_DIAGRAMS=ssr rend cette erreur bloquante.',
    );
    this.planned = Promise.resolve({ kind: 'client', reason: 'missing-chromium' });
  }

  private asClient(diagram: DiagramSource): RenderedDiagram {
    this.counters.clientSide++;
    return { kind: 'client', ...pick(diagram), code: diagram.code, ...(diagram.readGraph ? { readGraph: true } : {}) };
  }

  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.warn(message);
  }

  private mermaidInfo(): { version: string; bundle: string } {
    return (this.pkg ??= mermaidPackage());
  }

  private mermaidCode(): MermaidBundle {
    if (!this.bundle) {
      this.bundle = mermaidBundle(this.mermaidInfo().bundle, this.options.memoize ?? true);
      if (!this.bundle.memoized && this.options.memoize !== false) {
        this.warn(`mermaid ${this.mermaidInfo().version} : getConfig() introuvable dans le paquet, les schémas sont dessinés sans mémoïsation (plus lentement).`);
      }
    }
    return this.bundle;
  }
}

export function createDiagramRenderer(options: DiagramRendererOptions = {}): DiagramRenderer {
  return new MermaidRenderer(options);
}
