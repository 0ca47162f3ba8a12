// Secrets that are not written in the manifests but are produced in the cluster by a resource that is: whatever a
// kind's `producesSecrets` parser says — a SealedSecret (decrypted by the sealed-secrets controller), a CloudNativePG
// Cluster (<cluster>-app, <cluster>-superuser), a cert-manager Certificate (spec.secretName), an Ingress TLS entry
// issued by cert-manager (ingress-shim), an ACME (Cluster)Issuer (spec.acme.privateKeySecretRef: cert-manager creates
// the account key when it is missing), a secret-manager operator's resource (External Secrets, 1Password, Vault…:
// the repository declares that the Secret is made elsewhere). A reference to such a Secret is not dangling.
import type { RelationContext } from '../kinds/entry.ts';
import { producedSecretsOf } from '../kinds/readers.ts';
import { perEnvironment, type Environment, type FieldPath, type Finding, type Resource } from '../model.ts';
import { capitalize } from '../french.ts';
import { describe, finding, keyIn } from './common.ts';
import { probableMaker, type ProbableMaker } from '../kinds/helm-charts/makers.ts';

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
  /** Whose reference it is, when a chart's release may have made it: a pod's, not what Flux or an operator needs first. */
  referrer?: Resource,
): { key: string; exists: boolean; detail: Record<string, string> } {
  const secret = kind === 'Secret' ? resolveSecret(env, namespace, name) : undefined;
  const key = secret?.key ?? keyIn(env, '', kind, namespace, name);
  if (secret?.exists) return { key, exists: true, detail: producerDetail(secret) };
  if (env.byKey.has(key)) return { key, exists: true, detail: {} };
  const builtIn = context.builtIn('', kind, namespace, name);
  if (builtIn) return { key, exists: true, detail: { provider: builtIn.provider } };
  const maker = referrer ? probableMaker(env, kind, namespace, name, referrer) : undefined;
  return maker ? { key, exists: true, detail: madeElsewhereDetail(maker) } : { key, exists: false, detail: {} };
}

/**
 * Detail fields of an edge to an object the manifests do not hold but something of the environment probably makes (a
 * HelmRelease's chart, Flux): `producedBy` its maker, when one of the manifests, `madeBy` how (« créé par le HelmRelease
 * cilium (déduit) »).
 */
export function madeElsewhereDetail(maker: ProbableMaker): Record<string, string> {
  return { ...(maker.maker ? { producedBy: maker.maker } : {}), madeBy: maker.how };
}

/**
 * A reference to a Secret the manifests lack but the repository writes outside what its GitOps tool applies (a
 * bootstrap folder): a warning naming that file rather than « introuvable ».
 */
export function outsideSecretFinding(
  context: RelationContext,
  resource: Resource,
  ref: { kind: string; namespace: string | undefined; name: string },
  what: string,
  at: FieldPath,
): Finding | undefined {
  const written = ref.kind === 'Secret' ? context.secretOutside?.(ref.namespace, ref.name) : undefined;
  if (!written) return undefined;
  const where = `${written.path}:${written.line}`;
  return finding(
    resource,
    'FFE-W-SECRET-OUTSIDE-GITOPS',
    'warning',
    `${capitalize(describe(resource))} ${what} le Secret ${ref.name}, qui n’est dans aucun dossier que Flux applique : il est écrit dans ${where}.`,
    `Appliqué à la main au démarrage (bootstrap) ? Alors le cluster l’a sans Flux : rien à corriger, mais une réinstallation devra le refaire. Sinon, ajoutez ${written.path} à une Kustomization.`,
    at,
  );
}
