// A disk cache of kustomize renders, for the site's rebuilds: kustomize costs about a second of CPU per build for
// FFE's ten renders. An entry is the text kustomize printed, keyed on everything that can change it: the wrapper
// kustomization (the folder, Flux's additions), the kustomize binary and its version, and the content of every file
// the render can read. Those files are found without knowing kustomize's fields: from the folder's kustomization,
// every string naming an existing file or folder is followed, through every file reached — a superset, so a change
// to any input is a new key and a stale entry cannot be served. Renders that read remote bases are never cached (their
// content is not on disk), nor failed ones.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isInside, KUSTOMIZATION_FILES } from './files.ts';

/** Bump when what an entry holds changes. */
const FORMAT = '2';
/** Folders never read by a render (and that a stray `../..` must not pull in whole). */
const SKIPPED = new Set(['.git', 'node_modules']);
/** Files larger than this are hashed but not scanned for paths (a render input is small; a data file is not YAML). */
const MAX_SCANNED_BYTES = 2 * 1024 * 1024;

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Every string of a YAML (or JSON) text, keys included; [] when it is not YAML. */
function stringsOf(text: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        out.push(key);
        walk(inner);
      }
    }
  };
  try {
    for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
      if (doc.errors.length === 0) walk(doc.toJS({ maxAliasCount: 100 }));
    }
  } catch {
    // Not YAML (an .env file for a generator): it names no other input.
  }
  return out;
}

/**
 * The relative paths a string may name: itself, and the part after `=` (`key=path` in generators), without a
 * `?query`. Absolute paths are left out: kustomize refuses them as resources, and a manifest is full of them
 * (`mountPath: /tmp`) that name the container's files, not the repository's.
 */
function pathCandidates(value: string): string[] {
  if (value.length === 0 || value.length > 4096 || value.includes('\n') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [];
  const forms = [value, value.slice(value.indexOf('=') + 1)].map((form) => form.split('?')[0].trim());
  return [...new Set(forms.filter((form) => form !== '' && !isAbsolute(form)))];
}

/** Files (absolute, real paths) a render starting at `entries` can read, computed once per file per load. */
export class RenderInputs {
  /** Real path → the inputs reached from it (itself included). */
  private readonly reached = new Map<string, ReadonlySet<string>>();
  private readonly hashes = new Map<string, string>();

  private readonly repoRoot: string;

  /** `repoRoot`: the repository, which Flux's renders cannot leave. */
  constructor(repoRoot: string) {
    this.repoRoot = repoRoot;
  }

  /**
   * Every file reachable from the entries (folders and files), in a stable order; undefined when the render reaches
   * out of the repository (it is then not cached: what it reads out there is no one's to track).
   */
  closure(entries: readonly string[]): string[] | undefined {
    const files = new Set<string>();
    const seen = new Set<string>();
    const queue = [...entries];
    while (queue.length > 0) {
      const path = queue.pop()!;
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        continue;
      }
      if (seen.has(real)) continue;
      seen.add(real);
      if (!isInside(real, this.repoRoot)) return undefined;
      const stat = statOf(real);
      if (!stat) continue;
      if (stat.isDirectory()) {
        if (SKIPPED.has(basename(real))) continue;
        // A folder with a kustomization is read through it; one without (a Flux folder, a chart) is read whole.
        const kustomization = KUSTOMIZATION_FILES.map((f) => join(real, f)).find((f) => statOf(f)?.isFile());
        if (kustomization) queue.push(kustomization);
        else for (const entry of readdirSync(real)) queue.push(join(real, entry));
        continue;
      }
      if (!stat.isFile()) continue;
      files.add(real);
      if (stat.size > MAX_SCANNED_BYTES) continue;
      for (const named of this.namedBy(real)) queue.push(named);
    }
    return [...files].sort();
  }

  /** Existing paths the strings of a file name, relative to its folder. */
  private namedBy(file: string): ReadonlySet<string> {
    let named = this.reached.get(file);
    if (!named) {
      const found = new Set<string>();
      const base = dirname(file);
      for (const value of stringsOf(readFileSync(file, 'utf8'))) {
        for (const candidate of pathCandidates(value)) {
          const path = resolve(base, candidate);
          if (path !== base && statOf(path)) found.add(path);
        }
      }
      named = found;
      this.reached.set(file, named);
    }
    return named;
  }

  /** sha256 of a file's bytes. */
  hash(file: string): string {
    let hash = this.hashes.get(file);
    if (!hash) {
      hash = createHash('sha256').update(readFileSync(file)).digest('hex');
      this.hashes.set(file, hash);
    }
    return hash;
  }

  /** One digest of the closure: paths and contents; undefined when it reaches out of the repository. */
  digest(entries: readonly string[]): string | undefined {
    const files = this.closure(entries);
    if (!files) return undefined;
    const hash = createHash('sha256');
    for (const file of files) hash.update(`${file}\u0000${this.hash(file)}\n`);
    return hash.digest('hex');
  }
}

/** The binary and what it says its version is: a new kustomize may render differently. */
export function toolIdentity(command: string, versionArgs: readonly string[]): Promise<string> {
  return new Promise((done) => {
    let real = command;
    try {
      real = realpathSync(command);
    } catch {
      // Kept as given.
    }
    const stat = statOf(real);
    execFile(command, [...versionArgs], { timeout: 20_000, encoding: 'utf8' }, (error, stdout) => {
      done(JSON.stringify([real, stat?.size, stat?.mtimeMs, error ? 'unknown' : stdout.trim()]));
    });
  });
}

export interface KustomizeCache {
  /**
   * The key of a render: the wrapper kustomization as written, the tool, the inputs reached from `entries`; undefined
   * when the render must not be cached.
   */
  key(wrapper: string, entries: readonly string[]): Promise<string | undefined>;
  read(key: string): Promise<string | undefined>;
  write(key: string, rendered: string): Promise<void>;
}

/** A render that pulled a remote base: its origin annotations carry the repository it came from. */
export function readsRemoteBase(rendered: string): boolean {
  return /^\s+repo:\s/m.test(rendered);
}

/** `dir`: where entries are kept; `repoRoot`: the repository the renders read; `tool`: toolIdentity() of kustomize. */
export function kustomizeCache(dir: string, repoRoot: string, tool: Promise<string>): KustomizeCache {
  const inputs = new RenderInputs(repoRoot);
  return {
    async key(wrapper, entries) {
      const digest = inputs.digest(entries);
      if (!digest) return undefined;
      return createHash('sha256')
        .update(JSON.stringify([FORMAT, await tool, wrapper, digest]))
        .digest('hex');
    },
    async read(key) {
      try {
        return await readFile(join(dir, `${key}.yaml`), 'utf8');
      } catch {
        return undefined;
      }
    },
    async write(key, rendered) {
      try {
        await mkdir(dir, { recursive: true });
        const file = join(dir, `${key}.yaml`);
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, rendered);
        await rename(temporary, file);
      } catch {
        // A cache that cannot be written only costs the next build a render.
      }
    },
  };
}
