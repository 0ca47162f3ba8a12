// The manifesto is the author's text, published word for word: any accidental edit must be caught here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { findAll, ids, main, normalizeSpace, readPage, visibleText } from './lib/html.ts';
import { seedAnchors, seedSentences } from './lib/seed.ts';

// The author's text, kept in the repository so that a clone tests on its own.
const seed = readFileSync(resolve(import.meta.dirname, '../fixtures/manifesto/manifeste.md'), 'utf8');
const page = readPage(inject('distDir'), '/manifeste/');
const text = visibleText(main(page));

describe('the manifesto page', () => {
  it('holds every sentence of the seed, with its French typography', () => {
    const sentences = seedSentences(seed);
    expect(sentences.length).toBeGreaterThan(150);
    const missing = sentences.filter((sentence) => !text.includes(sentence));
    expect(missing).toEqual([]);
  });

  it('keeps the seed’s typographic marks as often as the seed has them', () => {
    for (const mark of ['’', '«', '»', '—', '…', '→']) {
      const inSeed = seed.split(mark).length - 1;
      expect(text.split(mark).length - 1, mark).toBeGreaterThanOrEqual(inSeed);
    }
  });

  it('keeps the anchors of the seed’s table of contents', () => {
    const present = ids(page);
    const anchors = seedAnchors(seed);
    expect(anchors.length).toBe(7);
    expect(anchors.filter((a) => !present.has(a))).toEqual([]);
  });

  it('shows the definitions as definition boxes, not as quotations', () => {
    const boxes = findAll(main(page), (e) => (e.properties.className as string[] | undefined)?.includes('ffe-definition') ?? false);
    const titles = boxes.map((box) => normalizeSpace(visibleText(box)).split(' ').slice(1, 4).join(' '));
    expect(boxes).toHaveLength(5);
    expect(titles.join(' | ')).toContain('LTS — c’est');
  });

  it('links the soundtrack out instead of embedding a player', () => {
    const frames = findAll(page, (e) => ['iframe', 'video', 'audio', 'embed', 'object'].includes(e.tagName));
    expect(frames).toEqual([]);
    const links = findAll(main(page), (e) => e.tagName === 'a' && String(e.properties.href ?? '').includes('youtube.com'));
    expect(links).toHaveLength(4);
  });
});
