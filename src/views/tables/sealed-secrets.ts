// The sealed secrets of an environment: the names of the keys they hold (never the values) and who reads them.
import { resourcesOfKind, sealedKeys, type Model } from '../../infra/index.ts';
import { envContext, into, out, uniqueSorted } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';

export interface SealedSecretRow {
  resource: ResourceLink;
  namespace?: string;
  /** Names of the keys it holds; never their values. */
  keys: string[];
  /** Who reads the Secret it produces. */
  usedBy: ResourceLink[];
  source: SourceLink;
}

export function sealedSecretRows(model: Model, envName: string): SealedSecretRow[] {
  const ctx = envContext(model, envName);
  return resourcesOfKind(ctx.env, 'SealedSecret', ['bitnami.com']).map((s) => {
    const produced = out(ctx, s.key, 'produces-secret').map((r) => r.to);
    const users = uniqueSorted(produced.flatMap((secret) => into(ctx, secret, 'uses-secret').map((r) => r.from)));
    return {
      resource: resourceLink(ctx, s.key),
      ...(s.id.namespace ? { namespace: s.id.namespace } : {}),
      keys: sealedKeys(s.object),
      usedBy: users.map((u) => resourceLink(ctx, u)),
      source: sourceLink(s.source),
    };
  });
}
