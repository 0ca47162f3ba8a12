// Every file the site writes lies inside its output folder. Page addresses come from names Kubernetes accepts
// (src/infra/names.ts), which can hold no `..`, no `/` and no control character; each generated page's address is
// checked here anyway before Astro writes it, so that a name no rule foresaw stops the build instead of writing
// elsewhere (`../../..` once wrote index.html at the root of the checkout).
import { posix } from 'node:path';
import { siteError } from './errors.ts';

/** A file name most file systems accept: 255 bytes. */
const MAX_SEGMENT_BYTES = 255;

/** What is wrong with a route parameter under `prefix/`, or undefined when it stays a plain path inside it. */
export function outputPathProblem(params: string | undefined): string | undefined {
  if (params === undefined) return undefined;
  // Control characters, and backslashes: a separator on Windows and for part of Astro's own path handling.
  if (/[\u0000-\u001f\u007f\\]/.test(params)) return 'caractère de contrôle ou barre oblique inverse';
  const segments = params.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'segment vide, « . » ou « .. »';
  if (segments.some((s) => Buffer.byteLength(s, 'utf8') > MAX_SEGMENT_BYTES)) return `segment de plus de ${MAX_SEGMENT_BYTES} octets`;
  if (posix.normalize(params) !== params) return 'chemin non normalisé';
  return undefined;
}

/** `pages` unchanged, or a build error naming the first address that would leave the output folder. */
export function confinedOutputPaths<P extends { params: string | undefined; title: string }>(prefix: string, pages: readonly P[]): readonly P[] {
  for (const page of pages) {
    const problem = outputPathProblem(page.params);
    if (problem) {
      throw siteError(
        'Adresse de page refusée',
        `La page « ${page.title.slice(0, 120)} » aurait pour adresse ${prefix}${JSON.stringify(page.params).slice(1, -1).slice(0, 200)} (${problem}) : elle pourrait être écrite hors du dossier du site.`,
        'Signalez-le avec le nom de la ressource : un nom que Kubernetes refuse devrait avoir été écarté au chargement, avec une erreur située.',
      );
    }
  }
  return pages;
}
