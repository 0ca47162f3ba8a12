// SealedSecret → the Secret the sealed-secrets controller decrypts it into (same name and namespace).
import type { Environment } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, specOf } from '../fields.ts';
import { edge, keyIn, resourcesOfKind } from './common.ts';

export function sealedSecretProducts(env: Environment): RelationResult {
  const relations = resourcesOfKind(env, 'SealedSecret', ['bitnami.com']).map((sealed) => {
    const keys = Object.keys(asRecord(specOf(sealed).encryptedData) ?? {}).sort();
    const to = keyIn(env, '', 'Secret', sealed.id.namespace, sealed.id.name);
    const what = keys.length > 0 ? ` (clés ${keys.join(', ')})` : '';
    return edge(env, 'produces-secret', sealed, to, `produit le Secret ${sealed.id.name}${what} une fois déchiffré dans le cluster`, keys.length > 0 ? { keys: keys.join(', ') } : {});
  });
  return { relations, findings: [] };
}
