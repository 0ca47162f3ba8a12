// How prose components find the resource a page names, trying each kind the component accepts.
import { DocumentationError, type Model, type Resource } from '../../infra/index.ts';
import { resolveRef, type RefFailure } from '../refs.ts';

/**
 * Prose components fail the build with the resolver's French message rather than print a wrong value. The element
 * is quoted as written in the page; the hint says what to change, the manifests or the page.
 */
export class ProseError extends DocumentationError {
  constructor(element: string, message: string, hint = 'Corrigez l’élément dans la page, ou les manifestes s’ils ne disent pas ce que la page affirme.') {
    super(`${element} : ${message}`, hint);
    this.name = 'ProseError';
  }
}

/** The resource of the first kind that resolves; otherwise the failure that got furthest, as a ProseError. */
export function resolveResource(element: string, model: Model, query: { kinds: readonly string[]; namespace?: string; name: string; env?: string }): Resource {
  const attempts = query.kinds.map((kind) => resolveRef(model, { kind, namespace: query.namespace, name: query.name, env: query.env }));
  const found = attempts.find((a) => a.ok);
  if (found?.ok) return found.resource;
  // The attempt that got furthest (a wrong name rather than a kind absent from the environment) explains best.
  const rank = { env: 0, kind: 1, namespace: 2, name: 3 } as const;
  const best = (attempts as RefFailure[]).sort((a, b) => rank[b.field] - rank[a.field])[0];
  throw new ProseError(element, best.message);
}
