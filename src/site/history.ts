// The history of a build (the journal and each resource's « Historique »): read once, when the build starts, from
// the Git repository holding the manifests, within the window of ffe.config.ts (`history`), through the build cache
// (FFE_CACHE_DIR) so that a rebuild reads only the commits it has not seen. FFE_HISTORY=off skips it for one build.
// Kept on globalThis, like the model: the integration and the pages are loaded by two module systems.
import { cacheDirOf, readHistory, type History, type Model, type Window } from '../infra/index.ts';
import { commitUrl } from './repository.ts';
import { loadOptionsOf, type SiteModel } from './model.ts';
import type { FfeOptions } from './options.ts';
import { UNAVAILABLE_TEXT, type HistoryLinks } from '../views/history.ts';

export const HISTORY_ENV = 'FFE_HISTORY';

/** The window to read, or false when the options or FFE_HISTORY (off, 0, false, no) turn the history off. */
export function historyWindow(options: FfeOptions, env: NodeJS.ProcessEnv = process.env): Window | false {
  const value = env[HISTORY_ENV]?.trim().toLowerCase();
  if (value && ['off', '0', 'false', 'no', 'non'].includes(value)) return false;
  return options.history;
}

const SLOT = Symbol.for('ffe.history');
type Holder = { [SLOT]?: Promise<History | undefined> };

/** Reads the history of the model's repository (undefined when turned off). Never throws on a repository's state. */
export async function loadHistory(model: Model, options: FfeOptions, log?: (line: string) => void): Promise<History | undefined> {
  const window = historyWindow(options);
  if (!window) return undefined;
  const { root: _root, ...load } = loadOptionsOf(options);
  return readHistory({ root: model.root, cacheDir: cacheDirOf('history'), window, load, ...(log ? { log } : {}) });
}

export function setHistory(history: History | undefined): void {
  (globalThis as Holder)[SLOT] = Promise.resolve(history);
}

/** The build's history; a page asking before the integration has read it (dev server restart) reads it now. */
export function getHistory(site: SiteModel): Promise<History | undefined> {
  const holder = globalThis as Holder;
  holder[SLOT] ??= loadHistory(site.model, site.options);
  return holder[SLOT];
}

/** Forget the history, so the next page reads it again (dev server, after a manifest changed). */
export function forgetHistory(): void {
  delete (globalThis as Holder)[SLOT];
}

const linksBySite = new WeakMap<SiteModel, HistoryLinks>();

/** How the history's views link commits (to the manifests' forge) and resources (to their page, when they have one). */
export function historyLinks(site: SiteModel): HistoryLinks {
  let links = linksBySite.get(site);
  if (!links) {
    const repository = site.sourceRepository;
    const keys = new Set(site.model.environments.flatMap((e) => e.resources.map((r) => r.key)));
    links = {
      ...(repository ? { commitUrl: (sha: string) => commitUrl(repository, sha) } : {}),
      hasPage: (key) => keys.has(key),
    };
    linksBySite.set(site, links);
  }
  return links;
}

/** One line for the build log: what was read, or why nothing was. */
export function historySummary(history: History): string {
  if (!history.available) return `historique : ${UNAVAILABLE_TEXT[history.reason]}`;
  const changes = history.entries.length;
  return `historique : ${changes} commit${changes > 1 ? 's' : ''} changeant l’infrastructure parmi ${history.read} lu${history.read > 1 ? 's' : ''}${history.computed > 0 ? ` (${history.computed} état${history.computed > 1 ? 's' : ''} calculé${history.computed > 1 ? 's' : ''}, gardé${history.computed > 1 ? 's' : ''} en cache)` : ''}`;
}
