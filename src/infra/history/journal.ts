// The journal of the infrastructure: the commits of the window (newest first) that changed what an environment
// deploys, each compared with the state before it. A commit that only touches documentation files is not even
// loaded; one whose objects come out the same (comments, formatting, key order) is read and left out. Entries and
// states are cached by commit id (store.ts): a build computes only the commits it has not seen, and the first build
// computes at most `maxCommits` of them (and the state just before the oldest).
import { changesDeployment, compareStates, type StateComparison } from './compare.ts';
import { commitsInWindow, repositoryStatus, type Commit, type Unavailable, type Window } from './git.ts';
import { EMPTY_STATE, type InfraState } from './state.ts';
import { HistoryStore, type HistoryLoadOptions } from './store.ts';

export interface JournalEntry {
  sha: string;
  parents: string[];
  author: string;
  /** Committer date, ISO 8601 as Git gives it. */
  date: string;
  subject: string;
  comparison: StateComparison;
}

export type History =
  | { available: false; reason: Unavailable }
  | {
      available: true;
      head: string;
      window: Window;
      /** Commits of the window that changed what an environment deploys, newest first. */
      entries: JournalEntry[];
      /** Commits touching the manifests read in the window. */
      read: number;
      /** States computed by this build (0 when everything came from the cache). */
      computed: number;
      /** The window stopped the reading: older commits exist that were not read. */
      truncated: boolean;
      /** The date the reading went back to (the oldest commit read), when it was cut by the window. */
      from?: string;
    };

export interface HistoryOptions {
  /** The manifests' folder (absolute). */
  root: string;
  /** The history's folder in the build cache (FFE_CACHE_DIR/history: settings' historyCacheDir). */
  cacheDir: string;
  window: Window;
  load: HistoryLoadOptions;
  /** Progress, for a first build that reads many commits. */
  log?: (line: string) => void;
}

export const DEFAULT_MAX_COMMITS = 50;

/** Files that say nothing about what is deployed: a commit touching only these is not loaded. */
const DOCUMENTATION = /(^|\/)(LICENSE|COPYING|CODEOWNERS)(\.[a-z]+)?$|\.(md|mdx|markdown|rst|txt|adoc|png|jpe?g|gif|svg|webp|ico)$/i;
/** Hidden entries at the repository's root are tooling (.github/, .renovaterc.json5, .mise.toml…): never manifests. */
const TOOLING = /^\./;

export function documentationOnly(commit: Commit): boolean {
  return commit.files.length > 0 && commit.files.every((f) => DOCUMENTATION.test(f) || TOOLING.test(f));
}

interface CachedEntry {
  /** The commit, compared with its first parent; an empty comparison for a commit that changes nothing deployed. */
  comparison: StateComparison;
}

const EMPTY_COMPARISON: StateComparison = { environments: [], introduced: [], fixed: [] };

/** The journal of the repository holding `options.root`, or why there is none. Never throws on a repository's state. */
export async function readHistory(options: HistoryOptions): Promise<History> {
  const status = await repositoryStatus(options.root);
  if (!status.available) return { available: false, reason: status.reason };
  if (status.shallow) return { available: false, reason: 'shallow' };
  const window = options.window;
  // One more than the window: the commit just before the oldest tells whether older history exists.
  const listed = await commitsInWindow(status.repoRoot, status.relpath, status.head, { ...window, maxCommits: window.maxCommits + 1 });
  const commits = listed.slice(0, window.maxCommits);
  const oldest = commits[commits.length - 1];
  const truncated = listed.length > window.maxCommits || (window.since !== undefined && (oldest?.parents.length ?? 0) > 0);

  const store = new HistoryStore(options.cacheDir, status, options.load);
  try {
    const cached = commits.map((c) => store.readEntry<CachedEntry>(c.sha));
    const missing = cached.filter((c) => c === undefined).length;
    if (missing > 0) options.log?.(`historique : ${missing} commit${missing > 1 ? 's' : ''} à lire sur ${commits.length}`);

    // The state before commits[i]: that of the next commit touching the manifests down the first-parent chain (the
    // commits in between change nothing there), else, for the oldest of the window, its parent's.
    const before = (i: number): Promise<InfraState> => {
      if (i + 1 < listed.length) return stateAt(i + 1);
      const parent = listed[i].parents[0];
      return parent ? store.stateAt(parent) : Promise.resolve(EMPTY_STATE);
    };
    const stateAt = (i: number): Promise<InfraState> => (documentationOnly(listed[i]) ? before(i) : store.stateAt(listed[i].sha));

    const entries: JournalEntry[] = [];
    let done = 0;
    // Oldest first: each state computed is the next one's « before ».
    for (let i = commits.length - 1; i >= 0; i--) {
      const commit = commits[i];
      let entry = cached[i];
      if (!entry) {
        const comparison = documentationOnly(commit) ? EMPTY_COMPARISON : compareStates(await before(i), await stateAt(i));
        // As the next build will read it back: the same bytes on the page whether computed now or cached.
        entry = JSON.parse(JSON.stringify({ comparison })) as CachedEntry;
        store.writeEntry(commit.sha, entry);
        done++;
        if (done % 10 === 0 && missing > 10) options.log?.(`historique : ${done}/${missing} commits lus`);
      }
      if (changesDeployment(entry.comparison)) {
        entries.push({ sha: commit.sha, parents: commit.parents, author: commit.author, date: commit.date, subject: commit.subject, comparison: entry.comparison });
      }
    }
    entries.reverse();
    return {
      available: true,
      head: status.head,
      window,
      entries,
      read: commits.length,
      computed: store.stats.computed,
      truncated,
      ...(truncated && oldest ? { from: oldest.date } : {}),
    };
  } finally {
    store.close();
  }
}
