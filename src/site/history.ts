// The history of a build (the journal and each resource's « Historique »): read once, when the build starts, from
// the Git repository holding the manifests, within the window of the options (`history` in ffe.config.ts; FFE_HISTORY=off
// turns it off for one build), through the build cache (FFE_CACHE_DIR) so that a rebuild reads only the commits it
// has not seen. The build's session (session.ts) keeps it; pages reach it through `getHistory()`.
import { readHistory, type History, type HistoryLoadOptions, type Model } from '../infra/index.ts';
import { UNAVAILABLE_TEXT, type HistoryLinks } from '../views/history.ts';
import { loadOptionsOf, type SiteModel } from './model.ts';
import { commitUrl } from './repository.ts';
import { pageSession } from './session.ts';
import type { Settings } from './settings.ts';

/** What the history engine loads each commit's manifests with: the site's load options, less the folder. */
export function historyLoadOptions(settings: Settings): HistoryLoadOptions {
  const { root: _root, ...load } = loadOptionsOf(settings);
  return load;
}

/** Reads the history of the model's repository (undefined when turned off). Never throws on a repository's state. */
export async function loadHistory(model: Model, settings: Settings, log?: (line: string) => void): Promise<History | undefined> {
  const window = settings.options.history;
  if (!window) return undefined;
  return readHistory({ root: model.root, cacheDir: settings.historyCacheDir, window, load: historyLoadOptions(settings), ...(log ? { log } : {}) });
}

/** The build's history, from a page: undefined when the build reads none. */
export function getHistory(): History | undefined {
  return pageSession().history;
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
