// The sealed secrets of an environment: the names of the keys they hold (never the values) and who reads them.
import type { Model } from '../../infra/model.ts';
import { asRecord, specOf } from '../../infra/fields.ts';
import { compareText, envContext, into, out, uniqueSorted } from '../context.ts';
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
  return (ctx.env.byKind.get('SealedSecret') ?? []).map((s) => {
    const produced = out(ctx, s.key, 'produces-secret').map((r) => r.to);
    const users = uniqueSorted(produced.flatMap((secret) => into(ctx, secret, 'uses-secret').map((r) => r.from)));
    return {
      resource: resourceLink(ctx, s.key),
      ...(s.id.namespace ? { namespace: s.id.namespace } : {}),
      keys: Object.keys(asRecord(specOf(s).encryptedData) ?? {}).sort(compareText),
      usedBy: users.map((u) => resourceLink(ctx, u)),
      source: sourceLink(s.source),
    };
  });
}
