// The one place where the site's public address and its source repository are set. A fork changes them here, or
// through FFE_SITE_URL, FFE_REPO_URL and FFE_REPO_BRANCH without touching the code. Plain constants, read by the
// Astro configuration and by the views (which link source locations to the repository).
export const SITE_URL = process.env.FFE_SITE_URL || 'https://docs.ffe.fr';
export const REPO_URL = process.env.FFE_REPO_URL || 'https://github.com/ffe-infra/ffe';
export const REPO_BRANCH = process.env.FFE_REPO_BRANCH || 'main';

export const SITE_TITLE = 'FFE';
export const SITE_DESCRIPTION =
  'FFE : une infrastructure Kubernetes reconstruite pour être cohérente, lisible et reproductible, publiée ouvertement sous licence WTFPL.';

export const EDIT_BASE_URL = `${REPO_URL}/edit/${REPO_BRANCH}/`;

/** Link to a file of the repository, optionally at a line. */
export function sourceUrl(path: string, line?: number): string {
  return `${REPO_URL}/blob/${REPO_BRANCH}/${path}${line ? `#L${line}` : ''}`;
}
