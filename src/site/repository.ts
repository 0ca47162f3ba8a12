// Links into a Git repository on its forge: a file at a line (« voir la source »), a folder, the page that edits a
// file. The repository holding the manifests is found from its `origin` remote (normalised to https, credentials
// dropped), unless the options name it; the site's own repository comes from the options.
import { execFile } from 'node:child_process';

export type Forge = 'github' | 'gitlab' | 'gitea' | 'bitbucket';
export const FORGES: readonly Forge[] = ['github', 'gitlab', 'gitea', 'bitbucket'];

export interface Repository {
  /** https URL of the repository's home page, without `.git` nor a trailing slash. */
  url: string;
  branch: string;
  /** How the forge spells its links; undefined when the host is not recognised (no file links then). */
  forge: Forge | undefined;
}

/**
 * A remote as `git remote get-url` prints it, as the https address of the repository's page, or undefined when it
 * is not on a web forge (a local path, a file:// URL). Credentials in the URL are never kept.
 */
export function normaliseRemote(remote: string): string | undefined {
  const text = remote.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(text); // git@github.com:owner/repo.git
  if (scp && !/^[a-z]:\\/i.test(text)) {
    host = scp[1];
    path = scp[2];
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (!['http:', 'https:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(url.protocol) || !url.hostname) return undefined;
    host = url.hostname;
    path = url.pathname;
    // An http(s) remote keeps its port (a self-hosted forge); an ssh port is not the web server's.
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.port) host = `${host}:${url.port}`;
  }
  const clean = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  if (!clean || !clean.includes('/')) return undefined;
  // Some forges prefix ssh paths with the user (`ssh://git@host/scm/…` on Bitbucket Server is not a web path).
  return `https://${host}/${clean}`;
}

/** The forge a repository URL belongs to, from its host. */
export function forgeOf(url: string): Forge | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === 'github.com' || host.startsWith('github.')) return 'github';
  if (host === 'gitlab.com' || host.startsWith('gitlab.') || host.includes('.gitlab.')) return 'gitlab';
  if (host === 'bitbucket.org') return 'bitbucket';
  if (host === 'codeberg.org' || host === 'gitea.com' || /(^|\.)(gitea|forgejo)\./.test(host)) return 'gitea';
  return undefined;
}

export function repository(url: string, branch = 'main', forge?: Forge): Repository {
  const normalised = normaliseRemote(url) ?? url.replace(/\/+$/, '').replace(/\.git$/, '');
  return { url: normalised, branch, forge: forge ?? forgeOf(normalised) };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The page showing `path` (a file, or a folder when `line` is absent and the path is one), at `line`. */
export function blobUrl(repo: Repository, path: string, line?: number): string | undefined {
  const ref = encodeURIComponent(repo.branch);
  const file = encodePath(path);
  switch (repo.forge) {
    case 'github':
      return `${repo.url}/blob/${ref}/${file}${line ? `#L${line}` : ''}`;
    case 'gitlab':
      return `${repo.url}/-/blob/${ref}/${file}${line ? `#L${line}` : ''}`;
    case 'gitea':
      return `${repo.url}/src/branch/${ref}/${file}${line ? `#L${line}` : ''}`;
    case 'bitbucket':
      return `${repo.url}/src/${ref}/${file}${line ? `#lines-${line}` : ''}`;
    default:
      return undefined;
  }
}

/** The page listing a folder. */
export function treeUrl(repo: Repository, path: string): string | undefined {
  const ref = encodeURIComponent(repo.branch);
  const folder = encodePath(path.replace(/^\.\//, '').replace(/\/+$/, ''));
  switch (repo.forge) {
    case 'github':
      return `${repo.url}/tree/${ref}/${folder}`;
    case 'gitlab':
      return `${repo.url}/-/tree/${ref}/${folder}`;
    case 'gitea':
      return `${repo.url}/src/branch/${ref}/${folder}`;
    case 'bitbucket':
      return `${repo.url}/src/${ref}/${folder}`;
    default:
      return undefined;
  }
}

/** The page of a commit on the forge. */
export function commitUrl(repo: Repository, sha: string): string | undefined {
  const id = encodeURIComponent(sha);
  switch (repo.forge) {
    case 'github':
    case 'gitea':
      return `${repo.url}/commit/${id}`;
    case 'gitlab':
      return `${repo.url}/-/commit/${id}`;
    case 'bitbucket':
      return `${repo.url}/commits/${id}`;
    default:
      return undefined;
  }
}

/** The base URL Starlight's « Modifier cette page » appends a file path to. */
export function editBaseUrl(repo: Repository): string | undefined {
  const ref = encodeURIComponent(repo.branch);
  switch (repo.forge) {
    case 'github':
      return `${repo.url}/edit/${ref}/`;
    case 'gitlab':
      return `${repo.url}/-/edit/${ref}/`;
    case 'gitea':
      return `${repo.url}/_edit/${ref}/`;
    default:
      return undefined;
  }
}

function git(dir: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', args, { cwd: dir, encoding: 'utf8', timeout: 10_000 }, (error, stdout) => done(error ? undefined : stdout.trim() || undefined));
  });
}

/**
 * The repository holding `dir`, from its `origin` remote, on the branch checked out (or, detached, the remote's
 * default branch, else the commit): undefined when there is no usable remote.
 */
export async function originRepository(dir: string): Promise<Repository | undefined> {
  const remote = await git(dir, ['remote', 'get-url', 'origin']);
  const url = remote ? normaliseRemote(remote) : undefined;
  if (!url) return undefined;
  const branch =
    (await git(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD'])) ??
    (await git(dir, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']))?.replace(/^origin\//, '') ??
    (await git(dir, ['rev-parse', 'HEAD'])) ??
    'main';
  return repository(url, branch);
}

/**
 * Why the manifests' sources get no links, for the build log: no `origin` remote, or one that is not a forge's web
 * address (a clone of a local folder, a file:// URL) — said as such, never as a missing remote.
 */
export function unlinkedSourcesNote(remote: string | undefined): string {
  const why = !remote
    ? 'pas de remote « origin »'
    : /^(?:\/|\.{1,2}\/|file:|[a-z]:\\)/i.test(remote.trim())
      ? 'son remote « origin » est un chemin local, pas l’adresse d’une forge'
      : 'son remote « origin » n’est pas l’adresse web d’une forge connue';
  return `dépôt des manifestes sans adresse web (${why}) : les emplacements des sources sont affichés sans lien ; l’option manifests.repository de ffe.config.ts en donne une`;
}

/** The `origin` remote of the repository holding `dir`, as git prints it. */
export function originRemote(dir: string): Promise<string | undefined> {
  return git(dir, ['remote', 'get-url', 'origin']);
}
