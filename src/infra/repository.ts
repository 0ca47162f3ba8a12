// Where the manifests' repository is published, for links from a source location (file:line) to the forge. A fork
// sets FFE_REPO_URL / FFE_REPO_BRANCH without touching the code; the site's own settings are in src/site/config.ts.
export const REPO_URL = process.env.FFE_REPO_URL ?? 'https://github.com/ffe-infra/ffe';
export const REPO_BRANCH = process.env.FFE_REPO_BRANCH ?? 'main';

/** Link to a file of the repository, optionally at a line. */
export function sourceUrl(path: string, line?: number): string {
  return `${REPO_URL}/blob/${REPO_BRANCH}/${path}${line ? `#L${line}` : ''}`;
}
