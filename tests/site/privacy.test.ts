// A reader's browser talks to this site only: no script, style, image, font or fetch from another host.
// Outbound <a href> links are fine (the reader chooses to follow them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { listFiles, routeOf } from '../../scripts/lib/site-dist.ts';
import { findAll, readPage } from './lib/html.ts';

const distDir = inject('distDir');
const files = listFiles(distDir);
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** An address that makes the browser contact another host (protocol-relative included). */
function isExternal(ref: string): boolean {
  return EXTERNAL.test(ref.trim()) && !/^data:|^blob:/i.test(ref.trim());
}

/** <link rel> values that only describe the page (canonical address, sitemap…): the browser fetches nothing. */
const DESCRIPTIVE_RELS = new Set(['canonical', 'alternate', 'sitemap', 'me', 'author', 'license', 'next', 'prev']);

function loads(rel: unknown): boolean {
  const values = (Array.isArray(rel) ? rel : String(rel ?? '').split(/\s+/)).map((v) => String(v).toLowerCase()).filter(Boolean);
  return values.length === 0 || values.some((v) => !DESCRIPTIVE_RELS.has(v));
}

describe('privacy of the built site', () => {
  it('loads no resource from another host in any page (src, <link href>, srcset, poster, inline style url())', () => {
    const found: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const route = routeOf(file);
      const tree = readPage(distDir, file.endsWith('index.html') ? route : `/${file}`);
      for (const el of findAll(tree, () => true)) {
        const p = el.properties;
        const refs: string[] = [];
        for (const key of ['src', 'poster', 'data', 'action', 'formAction', 'background'] as const) if (typeof p[key] === 'string') refs.push(String(p[key]));
        if (el.tagName === 'link' && typeof p.href === 'string' && loads(el.properties.rel)) refs.push(p.href);
        if (p.srcSet) refs.push(...String(Array.isArray(p.srcSet) ? p.srcSet.join(',') : p.srcSet).split(','));
        // SVG <image>/<use>/<script> load what they point at; <a> in SVG is a link like any other.
        if (['image', 'use', 'feImage'].includes(el.tagName) && typeof (p.href ?? p.xLinkHref) === 'string') refs.push(String(p.href ?? p.xLinkHref));
        if (typeof p.style === 'string') refs.push(...[...p.style.matchAll(/url\(\s*['"]?([^'")]+)/g)].map((m) => m[1]));
        for (const ref of refs) if (isExternal(ref)) found.push(`${route} : <${el.tagName}> ${ref}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('has no stylesheet importing or pointing url() at another host (web fonts included)', () => {
    const found: string[] = [];
    for (const file of files.filter((f) => /\.(css|html|svg)$/.test(f))) {
      const text = readFileSync(join(distDir, file), 'utf8');
      const styles = file.endsWith('.css') ? [text] : [...text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      for (const css of styles) {
        for (const m of css.matchAll(/url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)/g)) {
          const ref = m[1] ?? m[2];
          if (isExternal(ref)) found.push(`${file} : ${ref}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('has no script fetching or importing from another host', () => {
    const found: string[] = [];
    const scripts = files.filter((f) => /\.(m?js|html)$/.test(f));
    for (const file of scripts) {
      const text = readFileSync(join(distDir, file), 'utf8');
      const code = file.endsWith('.html') ? [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
      const pattern = /\b(?:import|fetch|importScripts|Worker|EventSource|WebSocket|sendBeacon)\s*\(\s*['"`]((?:[a-z]+:)?\/\/[^'"`]+)|\bfrom\s*['"]((?:[a-z]+:)?\/\/[^'"]+)/gi;
      for (const m of code.matchAll(pattern)) found.push(`${file} : ${m[1] ?? m[2]}`);
    }
    expect(found).toEqual([]);
  });

  it('ships its own fonts only, or none', () => {
    const fonts = files.filter((f) => /\.(woff2?|ttf|otf|eot)$/.test(f));
    const css = files.filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(distDir, f), 'utf8')).join('\n');
    for (const face of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
      for (const [, ref] of face.matchAll(/url\(\s*['"]?([^'")]+)/g)) expect(isExternal(ref), ref).toBe(false);
    }
    expect(fonts.every((f) => !isExternal(f))).toBe(true);
  });
});
