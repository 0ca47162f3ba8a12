// The Git side of the history: where the repository is and whether it has a history to read, the commits of the
// window (first-parent chain of HEAD, limited to those touching the manifests), and a private checkout of any commit
// to load it as the site loads the working tree. Nothing here writes into the repository: the checkout is a
// repository of its own, next to the cache, that borrows the objects through Git's alternates.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

const GIT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Git's output, or the reason it failed (its own message, first line). */
type GitResult = { ok: true; stdout: string } | { ok: false; message: string };

/** Runs git without a terminal prompt, in the C locale (messages and dates are parsed, not shown). */
export function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((done) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        encoding: 'utf8',
        timeout: GIT_TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout, stderr) => {
        if (error) done({ ok: false, message: (stderr || error.message).trim().split('\n')[0] ?? '' });
        else done({ ok: true, stdout });
      },
    );
  });
}

async function gitLine(cwd: string, args: readonly string[]): Promise<string | undefined> {
  const result = await git(cwd, args);
  return result.ok ? result.stdout.trim() || undefined : undefined;
}

/** Why there is no history to read: the page and the build log say it in these words. */
export type Unavailable = 'no-git' | 'not-git' | 'no-commits' | 'shallow';

export interface Repository {
  repoRoot: string;
  /** The object store the private checkout borrows from. */
  objects: string;
  head: string;
  /** Where the manifests lie in the repository, `''` when they are the whole of it. */
  relpath: string;
  /** A shallow clone (`git clone --depth`): its history stops short, the commits it has are still readable. */
  shallow: boolean;
}

export type RepositoryStatus = ({ available: true } & Repository) | { available: false; reason: Exclude<Unavailable, 'shallow'> };

/** The repository holding the manifests `root`, or why there is none to read. */
export async function repositoryStatus(root: string): Promise<RepositoryStatus> {
  const version = await git(root, ['--version']);
  if (!version.ok) return { available: false, reason: 'no-git' };
  const top = await gitLine(root, ['rev-parse', '--show-toplevel']);
  if (!top) return { available: false, reason: 'not-git' };
  const repoRoot = realpathSync(top);
  const head = await gitLine(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head) return { available: false, reason: 'no-commits' };
  const common = await gitLine(root, ['rev-parse', '--git-common-dir']);
  if (!common) return { available: false, reason: 'not-git' };
  const objects = join(isAbsolute(common) ? common : resolve(root, common), 'objects');
  const relpath = relative(repoRoot, realpathSync(root)).split('\\').join('/');
  const shallow = (await gitLine(root, ['rev-parse', '--is-shallow-repository'])) === 'true';
  return { available: true, repoRoot, objects: realpathSync(objects), head, relpath, shallow };
}

/** The commit a name (branch, tag, sha, `HEAD~3`) designates, or undefined when the repository has none such. */
export function resolveCommit(repoRoot: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return Promise.resolve(undefined);
  return gitLine(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
}

/** The first parent of a commit, undefined for a root commit. */
export async function firstParent(repoRoot: string, sha: string): Promise<string | undefined> {
  const line = await gitLine(repoRoot, ['rev-list', '--max-count=1', '--parents', sha]);
  return line?.split(' ')[1];
}

export interface Commit {
  sha: string;
  parents: string[];
  /** The author's name as Git records it (never the address: it is not the site's to publish). */
  author: string;
  /** Committer date, ISO 8601 with its offset: when the change reached this branch. */
  date: string;
  /** First line of the message. */
  subject: string;
  /** Files it changed against its first parent (the manifests' folder only), repository-relative. */
  files: string[];
}

export interface Window {
  /** Only commits from this day on (YYYY-MM-DD). */
  since?: string;
  /** At most this many commits touching the manifests. */
  maxCommits: number;
}

const RECORD = '\x1e';
const FIELD = '\x1f';
const END = '\x1d';

/**
 * The commits of HEAD's first-parent chain that touch the manifests' folder, newest first, within the window: what
 * reached the branch, one entry per merge rather than one per commit of a merged branch. A merge is read against
 * its first parent, as the branch saw it change.
 */
export async function commitsInWindow(repoRoot: string, relpath: string, head: string, window: Window): Promise<Commit[]> {
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '--first-parent',
    '-m',
    '--name-only',
    '--no-renames',
    `--format=${RECORD}%H${FIELD}%P${FIELD}%an${FIELD}%cI${FIELD}%s${END}`,
    `--max-count=${window.maxCommits}`,
    ...(window.since ? [`--since=${window.since}T00:00:00Z`] : []),
    head,
    '--',
    ...(relpath ? [relpath] : []),
  ];
  const result = await git(repoRoot, args);
  if (!result.ok) throw new Error(`git log : ${result.message}`);
  const commits: Commit[] = [];
  for (const record of result.stdout.split(RECORD).slice(1)) {
    const end = record.indexOf(END);
    const [sha, parents, author, date, subject] = record.slice(0, end).split(FIELD);
    const files = record
      .slice(end + 1)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    commits.push({ sha, parents: parents ? parents.split(' ') : [], author, date, subject, files });
  }
  return commits;
}

/**
 * A private checkout: a repository of its own in `dir` whose objects are those of the source repository (alternates),
 * so that checking out a commit copies only the files that differ from the last one and never touches the source's
 * index or working tree. The same folder across builds keeps the kustomize render cache's keys (they include paths).
 */
export class Checkout {
  readonly dir: string;
  private readonly objects: string;
  private ready = false;

  constructor(dir: string, objects: string) {
    this.dir = dir;
    this.objects = objects;
  }

  private async prepare(): Promise<void> {
    if (this.ready) return;
    mkdirSync(this.dir, { recursive: true });
    if (!existsSync(join(this.dir, '.git'))) {
      const init = await git(this.dir, ['init', '--quiet', '--template=', '.']);
      if (!init.ok) throw new Error(`git init : ${init.message}`);
    }
    const alternates = join(this.dir, '.git/objects/info/alternates');
    let current: string | undefined;
    try {
      current = readFileSync(alternates, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== `${this.objects}\n`) {
      mkdirSync(join(this.dir, '.git/objects/info'), { recursive: true });
      writeFileSync(alternates, `${this.objects}\n`);
    }
    this.ready = true;
  }

  /** The files of `sha`, and only them, in `dir` (what a previous checkout left and `sha` lacks is removed). */
  async checkout(sha: string): Promise<void> {
    await this.prepare();
    // No filter runs: a Git LFS pointer stays a pointer (nothing is downloaded), as the loader would read it.
    const result = await git(this.dir, [
      '-c',
      'core.hooksPath=/dev/null',
      '-c',
      'filter.lfs.smudge=',
      '-c',
      'filter.lfs.process=',
      '-c',
      'filter.lfs.required=false',
      'read-tree',
      '--reset',
      '-u',
      sha,
    ]);
    if (!result.ok) throw new Error(`git read-tree ${sha.slice(0, 12)} : ${result.message}`);
  }
}
