// The full-size view of a diagram: the page's SVG as a standalone file (/schemas/<id>.svg), which a reader opens and
// zooms with the browser, no JavaScript needed. Its colours follow the system's colour scheme through the same custom
// properties the site defines (palette.ts); it fetches nothing. Files are collected while pages render and written
// when the build is done (src/site/diagrams.ts), or served from memory by the dev server (`StandaloneFiles`).
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareText } from '../infra/index.ts';
import { paletteDeclarations } from './palette.ts';
import { svgIdBase } from './theme.ts';

/** Folder of the site holding the standalone files. */
export const STANDALONE_DIR = 'schemas';

/** Longest file name base kept as it is: a resource key can be 600 characters, a file name 255 bytes. */
const MAX_FILE_BASE = 200;

export function standaloneFileName(diagramId: string): string {
  const base = svgIdBase(diagramId);
  if (base.length <= MAX_FILE_BASE) return `${base}.svg`;
  return `${base.slice(0, MAX_FILE_BASE - 17)}-${createHash('sha256').update(diagramId).digest('hex').slice(0, 16)}.svg`;
}

/** Site path of a diagram's standalone file, under the site's base path (`/` by default). */
export function standaloneHref(diagramId: string, base = '/'): string {
  return `${base.endsWith('/') ? base : `${base}/`}${STANDALONE_DIR}/${standaloneFileName(diagramId)}`;
}

function paletteStyle(): string {
  const block = (theme: 'light' | 'dark') => paletteDeclarations(theme).join(' ');
  return (
    `:root { color-scheme: light dark; background: var(--ffe-diagram-label-background); ${block('light')} }` +
    ` @media (prefers-color-scheme: dark) { :root { ${block('dark')} } }`
  );
}

/**
 * A diagram's SVG (as finishSvg wrote it for an HTML page) as an SVG document: XML-safe text, the palette for both
 * colour schemes, and its drawn size so the browser shows it 1:1 rather than stretched to the window.
 */
export function standaloneSvg(svg: string): string {
  const xml = svg
    // The HTML serialiser writes a no-break space as an entity XML does not define.
    .replaceAll('&nbsp;', '&#160;')
    // Stylesheets are raw text in HTML, parsed text in XML.
    .replace(/<style>([\s\S]*?)<\/style>/g, (_, css: string) => `<style><![CDATA[${css.replaceAll(']]>', ']]]]><![CDATA[>')}]]></style>`);
  const withPalette = xml.replace(/^(<svg\b[^>]*>)/, `$1<style><![CDATA[${paletteStyle()}]]></style>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${withPalette}\n`;
}

/**
 * The standalone files of a build: each diagram shown on a page, recorded as the page is rendered (the same diagram
 * on several pages is one file), written when the build is done or served from memory by the dev server.
 */
export class StandaloneFiles {
  private readonly files = new Map<string, string>();

  /** Records a diagram shown on a page; returns its file name. */
  publish(diagramId: string, svg: string): string {
    const name = standaloneFileName(diagramId);
    this.files.set(name, svg);
    return name;
  }

  /** The standalone document of a published file name, for the dev server. */
  document(fileName: string): string | undefined {
    const svg = this.files.get(fileName);
    return svg === undefined ? undefined : standaloneSvg(svg);
  }

  /** Writes every published diagram under `<outDir>/schemas/`; returns how many. */
  async write(outDir: string): Promise<number> {
    const files = [...this.files].sort(([a], [b]) => compareText(a, b));
    if (files.length === 0) return 0;
    const dir = path.join(outDir, STANDALONE_DIR);
    await mkdir(dir, { recursive: true });
    // A name is `[A-Za-z0-9_-]` (svgIdBase): each file lands in the folder, checked all the same.
    const inside = files.filter(([name]) => path.dirname(path.resolve(dir, name)) === path.resolve(dir));
    await Promise.all(inside.map(([name, svg]) => writeFile(path.join(dir, name), standaloneSvg(svg))));
    return files.length;
  }
}
