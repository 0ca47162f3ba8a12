// Links every table and prose value carries: to the page of a resource, and to the line of the file that defines it.
// Where that file lives online depends on the repository holding the manifests, which the site resolves from its
// options (src/site/model.ts): views only say which file and line, components turn that into a link.
import type { SourceLocation } from '../infra/index.ts';
import type { EnvContext } from './context.ts';
import { parseResourceKey, resourcePath } from './paths.ts';

/** A link to a resource page; `href` is absent when the manifests do not define the resource. */
export interface ResourceLink {
  key: string;
  label: string;
  href?: string;
}

/** Where something was written (repository-relative path, line); SourceRef.astro links it to the repository. */
export type SourceLink = SourceLocation;

export function sourceLink(location: SourceLocation): SourceLink {
  return { path: location.path, line: location.line };
}

export function resourceLink(ctx: EnvContext, key: string): ResourceLink {
  const id = parseResourceKey(key);
  const label = `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
  return ctx.env.byKey.has(key) ? { key, label, href: resourcePath(id) } : { key, label };
}

/**
 * A finding's code as the site shows it: « W-PROBES-MISSING » rather than « FFE-W-PROBES-MISSING ». The prefix names
 * the checker, not the repository documented; `npm run check` prints it, and the `rules` option takes either.
 */
export function shownFindingCode(code: string): string {
  return code.replace(/^FFE-/, '');
}
