// The journal's Atom feed, /infra/journal/atom.xml: the same entries as the journal page (src/views/feed.ts), injected
// by src/site/plugin.ts when the site has a history.
import type { APIRoute } from 'astro';
import { journalFeed } from '../views/feed.ts';
import { journalView } from '../views/history.ts';
import { getHistory, historyLinks } from './history.ts';
import { getSite } from './model.ts';

export const prerender = true;

export const GET: APIRoute = async () => {
  const site = await getSite();
  const view = journalView(getHistory(), historyLinks(site));
  const body = journalFeed(view, { siteTitle: site.options.title, ...(site.options.site ? { site: site.options.site } : {}) });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
