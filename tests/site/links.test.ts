// Every internal link of the built site leads somewhere: content pages and generated pages alike.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { htmlFiles, routeOf } from '../../scripts/lib/site-dist.ts';
import { findAll, ids, readPage } from './lib/html.ts';
import type { Root } from 'hast';

const distDir = inject('distDir');
const SITE = 'https://ffe.invalid';

/** dist/ file served for an internal path, as nginx would (`try_files $uri $uri/`). */
function fileFor(pathname: string): string | undefined {
  const path = join(distDir, decodeURIComponent(pathname));
  if (existsSync(path) && statSync(path).isFile()) return path;
  const index = join(path, 'index.html');
  return existsSync(index) ? index : undefined;
}

/** Internal references of a page: href of links, src/href of resources, srcset. */
function references(tree: Root): string[] {
  const out: string[] = [];
  for (const el of findAll(tree, () => true)) {
    const p = el.properties;
    for (const key of ['href', 'src', 'xLinkHref'] as const) if (typeof p[key] === 'string') out.push(String(p[key]));
    const srcset = p.srcSet as unknown;
    if (srcset) out.push(...String(Array.isArray(srcset) ? srcset.join(',') : srcset).split(',').map((s) => s.trim().split(/\s+/)[0]));
  }
  return out.filter((ref) => ref !== '');
}

const pages = htmlFiles(distDir);
const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let found = idCache.get(file);
  if (!found) {
    found = ids(readPage(distDir, `/${file.slice(distDir.length + 1)}`));
    idCache.set(file, found);
  }
  return found;
}

describe('internal links of the built site', () => {
  it('each resolve to a file, and each #fragment to an id of the target page', () => {
    expect(pages.length).toBeGreaterThan(3);
    const broken: string[] = [];
    for (const file of pages) {
      const route = routeOf(file);
      const tree = readPage(distDir, file.endsWith('index.html') ? route : `/${file}`);
      const base = new URL(route, SITE);
      for (const ref of references(tree)) {
        const url = new URL(ref, base);
        if (url.origin !== SITE) continue;
        const target = fileFor(url.pathname);
        if (!target) {
          broken.push(`${route} → ${ref} (introuvable)`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) {
          broken.push(`${route} → ${ref} (ancre absente)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('point at addresses with a trailing slash, as the site is served', () => {
    const noSlash: string[] = [];
    for (const file of pages) {
      const html = readFileSync(join(distDir, file), 'utf8');
      for (const [, href] of html.matchAll(/<a\b[^>]*?\shref="(\/[^"#?]*)[^"]*"/g)) {
        if (!href.endsWith('/') && !/\.[a-z0-9]+$/i.test(href)) noSlash.push(`${routeOf(file)} → ${href}`);
      }
    }
    expect(noSlash).toEqual([]);
  });
});
