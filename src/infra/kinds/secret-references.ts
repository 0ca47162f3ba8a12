// Secrets and ConfigMaps named by custom resources, and Secrets that resources make exist without them being written.
// Each family's parser (postgres.ts, backups.ts, certificates.ts, flux.ts, routes.ts…) collects its references here,
// each with the field naming it; the registry's `secretReferences` and `producesSecrets` slots name those parsers.
import type { FieldPath } from '../model.ts';
import type { Field } from './located.ts';

/** One field of a custom resource naming a Secret or a ConfigMap its operator reads. */
export interface SecretReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  namespace: string | undefined;
  /** Where it is written, e.g. `spec.bootstrap.initdb.secret`. */
  at: FieldPath;
  /** French, what the operator reads there: « les identifiants du propriétaire de la base ». */
  purpose: string;
  optional: boolean;
}

/** A Secret made in the cluster by a resource of the manifests. */
export interface ProducedSecret {
  namespace: string | undefined;
  name: string;
  /** French, how: « produit par le SealedSecret db-credentials ». */
  how: string;
}

/** Collects the references of one object; every helper skips a value that is not what the API expects. */
export class ReferenceCollector {
  readonly refs: SecretReference[] = [];
  readonly namespace: string | undefined;

  constructor(namespace: string | undefined) {
    this.namespace = namespace;
  }

  /** A LocalObjectReference or SecretKeySelector: `{ name, key?, optional? }`. */
  ref(field: Field, purpose: string, kind: SecretReference['kind'] = 'Secret', namespace = this.namespace): void {
    if (!field.record()) return;
    const name = field.at('name').string();
    if (name) this.refs.push({ kind, name, namespace, at: field.path, purpose, optional: field.at('optional').value === true });
  }

  /** A field holding the name itself. */
  named(field: Field, purpose: string, kind: SecretReference['kind'] = 'Secret', optional = false, namespace = this.namespace): void {
    const name = field.string();
    if (name) this.refs.push({ kind, name, namespace, at: field.path, purpose, optional });
  }
}

/** Every field under `field` whose key `isRef` accepts, at any depth (operators repeat their backends everywhere). */
export function fieldsNamed(field: Field, isRef: (key: string) => boolean): { key: string; field: Field }[] {
  if (Array.isArray(field.value)) return field.items().flatMap((item) => fieldsNamed(item, isRef));
  return field.entries().flatMap(([key, child]) => (isRef(key) ? [{ key, field: child }] : fieldsNamed(child, isRef)));
}
