// The journal's Atom feed, /infra/journal/atom.xml: the same entries as the journal page (src/views/feed.ts), injected
// by src/site/plugin.ts when the site has a history.
import type { APIRoute } from 'astro';
import { journalFeed } from '../views/feed.ts';
import { journalView } from '../views/history.ts';
import { getHistory, historyLinks } from './history.ts';
import { getSite } from './model.ts';
import { pageSession } from './session.ts';

export const prerender = true;

export const GET: APIRoute = async () => {
  const site = await getSite();
  const view = journalView(getHistory(), historyLinks(site));
  // The site's own name and address, or those of the repository it documents (identity.ts).
  const { identity } = pageSession();
  const body = journalFeed(view, { siteTitle: identity.title, ...(identity.site ? { site: identity.site } : {}) });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
