// `npm run diff -- <ref>`: what the working tree (or HEAD) changes in the infrastructure compared with a commit —
// the question a pull request asks before it is merged. The commit's state comes from the history's cache when a
// build already read it, else from a private checkout; the working tree is loaded where it is.
import { isDirectory } from '../files.ts';
import { loadModel } from '../load.ts';
import { compareStates, type StateComparison } from './compare.ts';
import { repositoryStatus, resolveCommit, type Unavailable } from './git.ts';
import { stateOf } from './state.ts';
import { HistoryStore, type HistoryLoadOptions } from './store.ts';

/** Input the comparison cannot use (exit code 2): a French message, and what to do. */
export class DiffInputError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'DiffInputError';
    this.hint = hint;
  }
}

export interface DiffResult {
  /** The reference as given, and the commit it names. */
  ref: string;
  base: string;
  /** What is compared with it: the working tree as it is, or the HEAD commit. */
  target: 'worktree' | 'head';
  head: string;
  comparison: StateComparison;
}

export interface DiffOptions {
  root: string;
  ref: string;
  target: 'worktree' | 'head';
  cacheDir: string;
  load: HistoryLoadOptions;
}

const UNAVAILABLE: Record<Exclude<Unavailable, 'shallow'>, [string, string]> = {
  'no-git': ['git est introuvable.', 'Installez git (apt-get install git), puis relancez.'],
  'not-git': ['les manifestes ne sont pas dans un dépôt Git : rien à comparer.', 'Lancez la commande dans un clone du dépôt (ou indiquez-le avec --manifests).'],
  'no-commits': ['le dépôt n’a encore aucun commit : rien à comparer.', 'Faites un premier commit, puis comparez avec lui.'],
};

export async function diffAgainst(options: DiffOptions): Promise<DiffResult> {
  if (!isDirectory(options.root)) {
    throw new DiffInputError(`dossier des manifestes introuvable : « ${options.root} ».`, 'Indiquez-le avec --manifests <dossier> ou FFE_MANIFESTS.');
  }
  const status = await repositoryStatus(options.root);
  if (!status.available) {
    const [message, hint] = UNAVAILABLE[status.reason];
    throw new DiffInputError(message, hint);
  }
  const base = await resolveCommit(status.repoRoot, options.ref);
  if (!base) {
    throw new DiffInputError(
      `« ${options.ref} » ne désigne aucun commit de ce dépôt${status.shallow ? ' (clone superficiel : son historique est incomplet)' : ''}.`,
      status.shallow
        ? `Récupérez ce commit (git fetch --depth=1 origin ${options.ref}, ou git fetch --unshallow), puis relancez.`
        : 'Donnez une branche, une étiquette ou un identifiant de commit (git log --oneline les montre) ; une branche distante s’écrit origin/main.',
    );
  }
  const store = new HistoryStore(options.cacheDir, status, options.load);
  try {
    const before = await store.stateAt(base);
    const after = options.target === 'head' ? await store.stateAt(status.head) : stateOf(await loadModel({ ...options.load, root: options.root }));
    return { ref: options.ref, base, target: options.target, head: status.head, comparison: compareStates(before, after) };
  } finally {
    store.close();
  }
}
