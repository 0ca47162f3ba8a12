// Where the history keeps what it computed, under the build cache (FFE_CACHE_DIR): each commit's state (gzipped
// JSON, by commit id) and each commit's journal entry (its comparison with its first parent), so that a build reads
// only the commits it has not seen. Everything is kept under a scope that names what a state depends on besides the
// commit: the manifests' folder in the repository, the load options (rules' severities, annotation prefix) and the
// code that computes states, so that a changed FFE or a changed option never serves a stale entry. A state missing
// from the cache is computed from a private checkout of its commit (git.ts), loaded as the site loads the manifests.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadModel, type LoadOptions } from '../load.ts';
import { Checkout, type Repository } from './git.ts';
import { stateOf, type InfraState } from './state.ts';

/** Bump when what an entry or a state holds changes shape. */
const FORMAT = '1';

/** What the store loads with: the site's load options, less the root (a checkout's) and the folder. */
export type HistoryLoadOptions = Omit<LoadOptions, 'root' | 'cwd'>;

let codeDigest: string | undefined;

/** A digest of the model's code (src/infra): a state computed by another version of it is not reused. */
function infraCodeDigest(): string {
  if (codeDigest !== undefined) return codeDigest;
  const hash = createHash('sha256');
  try {
    const infra = fileURLToPath(new URL('..', import.meta.url));
    const files = readdirSync(infra, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .sort();
    for (const file of files) hash.update(`${file}\u0000`).update(readFileSync(join(infra, file))).update('\u0000');
  } catch {
    hash.update('unknown');
  }
  codeDigest = hash.digest('hex');
  return codeDigest;
}

function scopeOf(relpath: string, options: HistoryLoadOptions): string {
  const { kustomizeCacheDir: _unused, ...rest } = options;
  const stable = JSON.stringify([FORMAT, relpath, rest.annotationPrefix ?? null, rest.severities ?? {}, rest.checks === undefined ? 'checks' : 'custom']);
  return createHash('sha256').update(stable).update(infraCodeDigest()).digest('hex').slice(0, 24);
}

function writeAtomically(file: string, data: string | Buffer): void {
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next build the same work.
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface StoreStats {
  /** States computed from a checkout by this store (the expensive part). */
  computed: number;
}

export class HistoryStore {
  private readonly dir: string;
  private readonly cacheRoot: string;
  private readonly repository: Repository;
  private readonly options: HistoryLoadOptions;
  private readonly memory = new Map<string, InfraState>();
  private checkout: Checkout | undefined;
  private release: (() => void) | undefined;
  readonly stats: StoreStats = { computed: 0 };

  constructor(cacheRoot: string, repository: Repository, options: HistoryLoadOptions) {
    this.cacheRoot = cacheRoot;
    this.repository = repository;
    this.options = options;
    this.dir = join(cacheRoot, scopeOf(repository.relpath, options));
  }

  private file(kind: 'entries' | 'states', sha: string, extension: string): string {
    return join(this.dir, kind, `${sha}${extension}`);
  }

  /** A cached JSON value of a commit, or undefined. */
  readEntry<T>(sha: string): T | undefined {
    try {
      return JSON.parse(readFileSync(this.file('entries', sha, '.json'), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  writeEntry(sha: string, value: unknown): void {
    mkdirSync(join(this.dir, 'entries'), { recursive: true });
    writeAtomically(this.file('entries', sha, '.json'), JSON.stringify(value));
  }

  private readState(sha: string): InfraState | undefined {
    try {
      return JSON.parse(gunzipSync(readFileSync(this.file('states', sha, '.json.gz'))).toString('utf8')) as InfraState;
    } catch {
      return undefined;
    }
  }

  /** What commit `sha` deploys: from memory, the cache, else loaded from a checkout (then cached). */
  async stateAt(sha: string): Promise<InfraState> {
    const known = this.memory.get(sha) ?? this.readState(sha);
    if (known) {
      this.memory.set(sha, known);
      return known;
    }
    const checkout = this.checkoutFor();
    await checkout.checkout(sha);
    const root = this.repository.relpath ? join(checkout.dir, this.repository.relpath) : checkout.dir;
    const model = await loadModel({ ...this.options, root });
    // A JSON round trip: a state read back from the cache and one just computed must be the same value.
    const state = JSON.parse(JSON.stringify(stateOf(model))) as InfraState;
    this.stats.computed++;
    mkdirSync(join(this.dir, 'states'), { recursive: true });
    writeAtomically(this.file('states', sha, '.json.gz'), gzipSync(JSON.stringify(state)));
    this.memory.set(sha, state);
    return state;
  }

  /**
   * The checkout folder: one per source repository, kept between builds (kustomize's render cache keys include
   * paths), used by one process at a time; another process meanwhile gets a folder of its own, removed afterwards.
   */
  private checkoutFor(): Checkout {
    if (this.checkout) return this.checkout;
    const name = createHash('sha256').update(this.repository.objects).digest('hex').slice(0, 16);
    const shared = resolve(this.cacheRoot, `checkout-${name}`);
    const lock = `${shared}.lock`;
    mkdirSync(this.cacheRoot, { recursive: true });
    let dir = shared;
    if (!this.takeLock(lock)) {
      dir = mkdtempSync(join(this.cacheRoot, 'checkout-tmp-'));
      this.release = () => rmSync(dir, { recursive: true, force: true });
    } else {
      this.release = () => rmSync(lock, { recursive: true, force: true });
    }
    this.checkout = new Checkout(dir, this.repository.objects);
    return this.checkout;
  }

  private takeLock(lock: string): boolean {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        mkdirSync(lock);
        writeFileSync(join(lock, 'pid'), String(process.pid));
        return true;
      } catch {
        let owner = NaN;
        try {
          owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
        } catch {
          // Being written, or left empty by a crash: judged by its age below.
        }
        const stale = Number.isFinite(owner) ? !processAlive(owner) : existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000;
        if (!stale) return false;
        rmSync(lock, { recursive: true, force: true });
      }
    }
    return false;
  }

  /** Lets another process use the checkout folder (or removes this process's own). */
  close(): void {
    this.release?.();
    this.release = undefined;
    this.checkout = undefined;
  }
}
