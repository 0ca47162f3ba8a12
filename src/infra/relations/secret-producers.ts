// Secrets that are not written in the manifests but are produced in the cluster by a resource that is: whatever a
// kind's `producesSecrets` parser says — a SealedSecret (decrypted by the sealed-secrets controller), a CloudNativePG
// Cluster (<cluster>-app, <cluster>-superuser), a cert-manager Certificate (spec.secretName), an Ingress TLS entry
// issued by cert-manager (ingress-shim), an ACME (Cluster)Issuer (spec.acme.privateKeySecretRef: cert-manager creates
// the account key when it is missing), a secret-manager operator's resource (External Secrets, 1Password, Vault…:
// the repository declares that the Secret is made elsewhere). A reference to such a Secret is not dangling.
import type { RelationContext } from '../kinds/entry.ts';
import { producedSecretsOf } from '../kinds/readers.ts';
import { perEnvironment, type Environment, type Resource } from '../model.ts';
import { keyIn } from './common.ts';

export interface SecretProducer {
  producer: Resource;
  /** French, e.g. « produit par le SealedSecret db-credentials ». */
  how: string;
}

/** Secret key → what produces it. The first producer in resource order wins. */
export const secretProducers = perEnvironment((env: Environment): Map<string, SecretProducer> => {
  const producers = new Map<string, SecretProducer>();
  for (const producer of env.resources) {
    for (const { namespace, name, how } of producedSecretsOf(producer, env)) {
      const key = keyIn(env, '', 'Secret', namespace, name);
      if (!producers.has(key)) producers.set(key, { producer, how });
    }
  }
  return producers;
});

export interface SecretResolution {
  /** Key of the Secret, whether written in the manifests or produced in the cluster. */
  key: string;
  /** Written in the manifests, or produced by one of them. */
  exists: boolean;
  producedBy?: SecretProducer;
}

export function resolveSecret(env: Environment, namespace: string | undefined, name: string): SecretResolution {
  const key = keyIn(env, '', 'Secret', namespace, name);
  if (env.byKey.has(key)) return { key, exists: true };
  const producedBy = secretProducers(env).get(key);
  return producedBy ? { key, exists: true, producedBy } : { key, exists: false };
}

/** Detail fields telling views where a Secret that is not in the manifests comes from. */
export function producerDetail(resolution: SecretResolution): Record<string, string> {
  return resolution.producedBy ? { producedBy: resolution.producedBy.producer.key } : {};
}

/**
 * Where a reference leads: a resource of the manifests, a Secret one of them produces, or an object the cluster (or
 * its bootstrap) provides — the registry's built-ins, which carry who provides them.
 */
export function resolveReference(
  env: Environment,
  context: RelationContext,
  kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim',
  namespace: string | undefined,
  name: string,
): { key: string; exists: boolean; detail: Record<string, string> } {
  const secret = kind === 'Secret' ? resolveSecret(env, namespace, name) : undefined;
  const key = secret?.key ?? keyIn(env, '', kind, namespace, name);
  if (secret?.exists) return { key, exists: true, detail: producerDetail(secret) };
  if (env.byKey.has(key)) return { key, exists: true, detail: {} };
  const builtIn = context.builtIn('', kind, namespace, name);
  return builtIn ? { key, exists: true, detail: { provider: builtIn.provider } } : { key, exists: false, detail: {} };
}
