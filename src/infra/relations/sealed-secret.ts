// SealedSecret → the Secret the sealed-secrets controller decrypts it into (same name and namespace).
import type { RelationBuilder } from '../kinds/entry.ts';
import { sealedKeys } from '../kinds/secrets.ts';
import { edge, keyIn } from './common.ts';

export const sealedSecretProducts: RelationBuilder = (env, sealed) => {
  const keys = sealedKeys(sealed.object);
  const to = keyIn(env, '', 'Secret', sealed.id.namespace, sealed.id.name);
  const what = keys.length > 0 ? ` (clés ${keys.join(', ')})` : '';
  const detail: Record<string, string> = keys.length > 0 ? { keys: keys.join(', ') } : {};
  return { relations: [edge(env, 'produces-secret', sealed, to, `produit le Secret ${sealed.id.name}${what} une fois déchiffré dans le cluster`, detail)], findings: [] };
};
