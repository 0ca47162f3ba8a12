// One headless Chromium for the build, with mermaid loaded in a few tabs that draw at the same time (Chromium gives
// each tab its own process, hence its own core). Started on first use (or ahead, by `open`), closed after a while
// without work so that a forgotten close() never keeps the process alive, and started again if asked after that.
import { availableParallelism } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, playwright } from './chromium.ts';
import type { MermaidBundle } from './mermaid-bundle.ts';
import type { FlowchartData } from './mermaid-graph.ts';
import { readFlowchart } from './mermaid-graph.ts';
import { finishSvgScript, type SvgMeta } from './svg-finish.ts';
import { memoizeTextMeasure } from './text-measure.ts';
import { buildMermaidConfig } from './theme.ts';

/** As many tabs as the machine has cores, up to four: pages of the site are rendered meanwhile, on the same cores. */
export const DIAGRAM_TABS = Math.min(4, Math.max(1, availableParallelism()));

/** One diagram for mermaid, as the page receives it. */
export type PageJob = { key: string; code: string; meta: SvgMeta; readGraph: boolean };
/** Its drawing, finished in the page, or mermaid's message. */
export type PageResult = { key: string; svg?: string; flowchart?: FlowchartData; error?: string };

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

async function openTab(browser: Browser, bundle: MermaidBundle, memoizeMeasures: boolean): Promise<Page> {
  const page = await browser.newPage();
  // Nothing in a diagram needs the network; a stray request must fail fast rather than hang the build.
  await page.route('**/*', (route) => route.abort());
  await page.setContent('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ content: bundle.text });
  await page.evaluate(
    finishSvgScript() +
      `globalThis.__ffeReadFlowchart = (${readFlowchart.toString()});\n` +
      (memoizeMeasures ? `(${memoizeTextMeasure.toString()})();\n` : '') +
      `globalThis.mermaid.initialize(${JSON.stringify(buildMermaidConfig())});`,
  );
  return page;
}

type Tabs = { browser: Browser; idle: Page[] };

async function launch(executablePath: string, bundle: MermaidBundle, memoizeMeasures: boolean, tabs: number): Promise<Tabs> {
  const browser = await playwright().chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const idle = await Promise.all(Array.from({ length: tabs }, () => openTab(browser, bundle, memoizeMeasures)));
    return { browser, idle };
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

export interface ChromiumSessionOptions {
  executablePath: string;
  /** mermaid's code, read when Chromium first starts (a warm build that draws nothing never reads it). */
  bundle: () => MermaidBundle;
  /** Text measurements memoized in the tabs (text-measure.ts). */
  memoizeMeasures: boolean;
  /** Closed after this long without work; 0 never closes by itself. */
  idleCloseMs: number;
  /** Default: DIAGRAM_TABS. */
  tabs?: number;
}

export interface SessionStats {
  /** Wall time spent starting Chromium and loading mermaid. */
  launchMs: number;
  launches: number;
}

export class ChromiumSession {
  readonly tabs: number;
  private readonly options: ChromiumSessionOptions;
  private current: Promise<Tabs> | undefined;
  private busy = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly counters: SessionStats = { launchMs: 0, launches: 0 };

  constructor(options: ChromiumSessionOptions) {
    this.options = options;
    this.tabs = options.tabs ?? DIAGRAM_TABS;
  }

  get stats(): SessionStats {
    return { ...this.counters };
  }

  /** Whether Chromium is running or starting. */
  get isOpen(): boolean {
    return this.current !== undefined;
  }

  /** Starts Chromium (if it is not) and loads mermaid in every tab. A failed start is forgotten: the next call retries. */
  async open(): Promise<void> {
    await this.started();
    this.idleAfterWork();
  }

  /** Runs jobs in a free tab; the caller keeps at most `tabs` calls running at once. */
  async draw(jobs: PageJob[]): Promise<PageResult[]> {
    this.cancelIdleClose();
    this.busy++;
    try {
      const tabs = await this.started();
      const page = tabs.idle.pop();
      if (!page) throw new Error('aucun onglet libre dans Chromium');
      try {
        return await page.evaluate(renderInPage, jobs);
      } finally {
        tabs.idle.push(page);
      }
    } finally {
      this.busy--;
      this.idleAfterWork();
    }
  }

  async close(): Promise<void> {
    this.cancelIdleClose();
    const closing = this.current;
    this.current = undefined;
    if (closing) await (await closing.catch(() => undefined))?.browser.close().catch(() => {});
  }

  private started(): Promise<Tabs> {
    if (!this.current) {
      const begun = performance.now();
      const { executablePath, bundle, memoizeMeasures } = this.options;
      const opening = launch(executablePath, bundle(), memoizeMeasures, this.tabs).then((tabs) => {
        this.counters.launchMs += performance.now() - begun;
        this.counters.launches++;
        return tabs;
      });
      this.current = opening;
      opening.catch(() => {
        if (this.current === opening) this.current = undefined;
      });
    }
    return this.current;
  }

  private cancelIdleClose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private idleAfterWork(): void {
    if (this.busy > 0 || this.options.idleCloseMs <= 0 || !this.current) return;
    this.cancelIdleClose();
    this.idleTimer = setTimeout(() => {
      if (this.busy === 0) void this.close();
    }, this.options.idleCloseMs);
    this.idleTimer.unref?.();
  }
}
