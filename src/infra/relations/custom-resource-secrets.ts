// Custom resource → the Secrets and ConfigMaps its operator reads: CloudNativePG Cluster (owner, superuser,
// certificates, backups), Barman Cloud ObjectStore, k8up backends, cert-manager issuers and keystores, Flux HelmRelease
// valuesFrom, Kustomization substituteFrom and source credentials, Traefik authentication middlewares — whatever the
// kind's `secretReferences` parser reads. A missing target is an error unless the field is optional or something of
// the manifests produces the Secret (secret-producers.ts); the ACME account key of an issuer is produced by
// cert-manager, never read from the manifests.
import { capitalize, joinFrench } from '../french.ts';
import { issuerOf, issuerSecretNamespace } from '../kinds/certificates.ts';
import type { RelationBuilder, RelationResult } from '../kinds/entry.ts';
import { pathText } from '../kinds/located.ts';
import { secretReferencesOf } from '../kinds/readers.ts';
import type { SecretReference } from '../kinds/secret-references.ts';
import type { Environment, Finding, Resource } from '../model.ts';
import { describe, edge, finding, keyIn } from './common.ts';
import { resolveReference } from './secret-producers.ts';
import type { RelationContext } from '../kinds/entry.ts';

/** « le Secret s3 », « le Secret s3 du namespace cert-manager » when it is not the resource’s own namespace. */
function targetText(resource: Resource, ref: SecretReference): string {
  const where = ref.namespace !== resource.id.namespace ? ` du namespace ${ref.namespace}` : '';
  return `le ${ref.kind} ${ref.name}${where}`;
}

const fieldsText = (refs: readonly SecretReference[]): string => [...new Set(refs.map((r) => pathText(r.at)))].join(', ');

function missing(resource: Resource, refs: SecretReference[]): Finding {
  const { kind, name, namespace } = refs[0];
  const fields = fieldsText(refs);
  const purposes = joinFrench([...new Set(refs.map((r) => r.purpose))]);
  const where = namespace ? ` dans le namespace ${namespace}` : '';
  const add = kind === 'Secret' ? `Ajoutez un SealedSecret ${name}${where} (kubeseal)` : `Ajoutez le ConfigMap ${name}${where}`;
  return finding(
    resource,
    kind === 'Secret' ? 'FFE-E-SECRET-MISSING' : 'FFE-E-CONFIGMAP-MISSING',
    'error',
    `${capitalize(describe(resource))} lit ${purposes} dans ${targetText(resource, refs[0])} (${fields}), qui n’existe pas dans les manifestes.`,
    `${add} ou corrigez ${fields}.`,
    refs[0].at,
  );
}

/** Edges to what the references name (one per target), and a finding per target missing. */
function referenceEdges(env: Environment, resource: Resource, context: RelationContext, refs: readonly SecretReference[]): RelationResult {
  const result: RelationResult = { relations: [], findings: [] };
  const grouped = new Map<string, SecretReference[]>();
  for (const ref of refs) {
    const id = JSON.stringify([ref.kind, ref.namespace ?? '', ref.name]);
    grouped.set(id, [...(grouped.get(id) ?? []), ref]);
  }
  for (const group of grouped.values()) {
    const target = resolveReference(env, context, group[0].kind, group[0].namespace, group[0].name);
    const optional = group.every((r) => r.optional);
    if (!target.exists && !optional) {
      result.findings.push(missing(resource, group));
      continue;
    }
    const purposes = joinFrench([...new Set(group.map((r) => r.purpose))]);
    const detail = { ...target.detail, fields: fieldsText(group), ...(optional ? { optional: 'true' } : {}) };
    const type = group[0].kind === 'Secret' ? 'uses-secret' : 'uses-configmap';
    result.relations.push(edge(env, type, resource, target.key, `lit ${purposes} dans ${targetText(resource, group[0])}`, detail));
  }
  return result;
}

/** The Secrets and ConfigMaps a custom resource's operator reads, in the resource's namespace. */
export const customResourceSecrets: RelationBuilder = (env, resource, _entry, context) =>
  referenceEdges(env, resource, context, secretReferencesOf(resource));

/** A (Cluster)Issuer: the Secrets its solvers read (where cert-manager keeps them), and the ACME account key it makes. */
export const issuerSecrets: RelationBuilder = (env, resource, _entry, context) => {
  const namespace = issuerSecretNamespace(resource, env);
  const result = referenceEdges(env, resource, context, secretReferencesOf(resource, namespace));
  const account = issuerOf(resource.object).acmeAccountSecret;
  if (account) {
    const where = namespace !== resource.id.namespace ? ` (namespace ${namespace})` : '';
    const reason = `conserve la clé de son compte ACME dans le Secret ${account}${where}, que cert-manager crée`;
    result.relations.push(edge(env, 'produces-secret', resource, keyIn(env, '', 'Secret', namespace, account), reason));
  }
  return result;
};
