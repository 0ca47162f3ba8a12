// The drawn diagrams kept between builds: one JSON file per drawing, named by a hash of everything that can change
// its bytes, so a warm build draws nothing it drew before and never reads a stale drawing.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Graph } from '../views/diagram.ts';
import type { DiagramSource } from './mermaid.ts';
import { readFlowchart } from './mermaid-graph.ts';
import { sentinelTable } from './palette.ts';
import { SVG_FINISH_FUNCTIONS } from './svg-finish.ts';
import { memoizeTextMeasure } from './text-measure.ts';
import { buildMermaidConfig } from './theme.ts';

/** What is kept of a drawing. */
export type Drawn = { svg: string; width: number; height: number; graph?: Graph };

/**
 * Bump when the shape of cached entries changes. The code run in the page (finishSvg and its parts, readFlowchart) is part of the
 * key by itself.
 */
export const RENDERER_VERSION = '6';

/** What every key shares, computed once: the renderer, the code run in the page, mermaid's configuration, the palette. */
let keyBase: string | undefined;
function cacheKeyBase(): string {
  keyBase ??= JSON.stringify([RENDERER_VERSION, [...SVG_FINISH_FUNCTIONS, readFlowchart, memoizeTextMeasure].map(String), buildMermaidConfig(), sentinelTable()]);
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

export interface DiagramCache {
  /** The drawing kept under `key`, or undefined (never kept, or unreadable: drawn again). */
  read(key: string): Promise<Drawn | undefined>;
  /** Keeps a drawing; a folder that cannot be written costs a warning, not the build. */
  write(key: string, drawn: Drawn): Promise<void>;
}

/** Keeps nothing: every diagram is drawn. */
export const NO_CACHE: DiagramCache = {
  read: async () => undefined,
  write: async () => {},
};

function asDrawn(parsed: Partial<Drawn>): Drawn | undefined {
  if (typeof parsed.svg !== 'string' || typeof parsed.width !== 'number' || typeof parsed.height !== 'number') return undefined;
  return { svg: parsed.svg, width: parsed.width, height: parsed.height, ...(parsed.graph ? { graph: parsed.graph } : {}) };
}

/** The drawings kept in `dir`, written atomically (a build stopped midway leaves no half file). */
export function diskCache(dir: string, warn: (message: string) => void): DiagramCache {
  return {
    async read(key) {
      try {
        return asDrawn(JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8')) as Partial<Drawn>);
      } catch {
        return undefined;
      }
    },
    async write(key, drawn) {
      try {
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, `${key}.json`);
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify(drawn));
        await rename(temporary, file);
      } catch (error) {
        warn(`le cache des diagrammes (${dir}) n’a pas pu être écrit : ${(error as Error).message}`);
      }
    },
  };
}
