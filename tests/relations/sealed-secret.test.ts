import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('SealedSecret → Secret', () => {
  const result = relationsOf('sealed-secret');
  const sealed = key('bitnami.com', 'SealedSecret', 'ffe', 'db-credentials');
  const secret = key('', 'Secret', 'ffe', 'db-credentials');

  it('produces the Secret of the same name, listing its keys', () => {
    expect(result.relations).toContainEqual({
      type: 'produces-secret',
      from: sealed,
      to: secret,
      reason: 'produit le Secret db-credentials (clés password, username) une fois déchiffré dans le cluster',
      detail: { keys: 'password, username', external: 'true' },
    });
  });

  it('lets a workload use the produced Secret, pointing back to the SealedSecret', () => {
    const uses = result.relations.filter((r) => r.to === secret && r.type === 'uses-secret');
    expect(uses).toEqual([
      {
        type: 'uses-secret',
        from: key('apps', 'Deployment', 'ffe', 'api'),
        to: secret,
        reason: 'lit la variable DB_PASSWORD dans le Secret db-credentials',
        detail: { producedBy: sealed, external: 'true' },
      },
    ]);
    expect(result.findings).toEqual([]);
  });
});
