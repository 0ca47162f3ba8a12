// Links every table and prose value carries: to the page of a resource, and to the line of the file that defines it.
import type { SourceLocation } from '../infra/index.ts';
import { sourceUrl } from '../config.ts';
import type { EnvContext } from './context.ts';
import { parseResourceKey, resourcePath } from './paths.ts';

/** A link to a resource page; `href` is absent when the manifests do not define the resource. */
export interface ResourceLink {
  key: string;
  label: string;
  href?: string;
}

export interface SourceLink extends SourceLocation {
  url: string;
}

export function sourceLink(location: SourceLocation): SourceLink {
  return { ...location, url: sourceUrl(location.path, location.line) };
}

export function resourceLink(ctx: EnvContext, key: string): ResourceLink {
  const id = parseResourceKey(key);
  const label = `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
  return ctx.env.byKey.has(key) ? { key, label, href: resourcePath(id) } : { key, label };
}
