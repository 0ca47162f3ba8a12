// The sidebar tells a reader where they are: on every built page, the one entry marked as the current page is the
// page itself (none when the page has no entry of its own, like a resource page). Pages are built several at a time,
// and Starlight keeps one sidebar it marks page after page: what a page shows must still be its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { htmlFiles, routeOf } from '../../scripts/lib/site-dist.ts';

const dist = inject('distDir');

/** The hrefs of the sidebar links marked as the current page (Starlight writes aria-current="page" on them). */
function currentEntries(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]+)" aria-current="page"/g)].map((m) => m[1]!);
}

describe('the sidebar of every page', () => {
  it('marks the page itself as current, and no other page', () => {
    const pages = htmlFiles(dist).map((file) => ({ route: routeOf(file), html: readFileSync(join(dist, file), 'utf8') }));
    expect(pages.length).toBeGreaterThan(100);
    const wrong = pages
      .map(({ route, html }) => ({ route, current: currentEntries(html) }))
      .filter(({ route, current }) => current.some((href) => href !== route) || current.length > 1)
      .map(({ route, current }) => `${route} → ${current.join(', ')}`);
    expect(wrong).toEqual([]);
    // And the pages that have an entry do show it (the namespace pages, the environment pages…).
    const own = pages.filter(({ route, html }) => html.includes(`<a href="${route}"`) && route.startsWith('/infra/production/') && route.split('/').length === 5);
    expect(own.length).toBeGreaterThan(5);
    for (const { route, html } of own) expect(currentEntries(html), route).toEqual([route]);
  });
});
