// Starlight route middleware (registered by plugin.ts): the page's own sidebar marks the page itself as current.
// Starlight marks the current entry on one sidebar shared by every page and copies it for the page a moment later;
// pages rendered together (astro.config.mjs builds several at once, so that pages waiting for a diagram do not hold
// the others up) would each show the entry of whichever page was marked last. The page's copy is set right here.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';

type SidebarEntry = StarlightRouteData['sidebar'][number];

/** Starlight's own comparison: the address encoded, without its trailing slash. */
const comparable = (path: string): string => path.replace(/\/+$/, '');

function markCurrent(entries: SidebarEntry[], pathname: string): void {
  for (const entry of entries) {
    if (entry.type === 'group') markCurrent(entry.entries, pathname);
    else entry.isCurrent = comparable(encodeURI(entry.href)) === pathname;
  }
}

export const onRequest = defineRouteMiddleware((context) => {
  markCurrent(context.locals.starlightRoute.sidebar, comparable(context.url.pathname));
});
