// The one place where the site's public address is set. A fork changes it here, or through FFE_SITE_URL without
// touching the code; the source repository (FFE_REPO_URL, FFE_REPO_BRANCH) is set in src/infra/repository.ts, since
// views link source locations to it.
import { REPO_BRANCH, REPO_URL } from '../infra/repository.ts';

export { REPO_URL };

export const SITE_URL = process.env.FFE_SITE_URL ?? 'https://docs.ffe.fr';

export const SITE_TITLE = 'FFE';
export const SITE_DESCRIPTION =
  'FFE : une infrastructure Kubernetes reconstruite pour être cohérente, lisible et reproductible, publiée ouvertement sous licence WTFPL.';

export const EDIT_BASE_URL = `${REPO_URL}/edit/${REPO_BRANCH}/`;
