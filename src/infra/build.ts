// Parsed documents → typed resources → one Environment. Pure: no file system, no kustomize.
import { asStringMap } from './fields.ts';
import { apiGroupOf, createEnvironment, resourceKey, type Environment, type Finding, type KubeObject, type Resource } from './model.ts';
import type { ParsedDocument } from './parse.ts';
import { scopeResolver, type ScopeResolver } from './kinds/registry.ts';
import { formatLocation } from './findings.ts';
import { withDeducedObjects } from './kinds/helm-charts/deduce.ts';
import { apiVersionProblem, kindProblem, nameProblem, nameRuleOf, quotedName } from './names.ts';

/** A parsed document as it enters an environment, with the namespace the deploying tool would give it. */
export interface EnvironmentDocument extends ParsedDocument {
  /** Flux Kustomization `spec.targetNamespace`: overrides the namespace of every namespaced object. */
  targetNamespace?: string;
  /** Argo CD Application `spec.destination.namespace`: used when the object names none. */
  defaultNamespace?: string;
  /** The Flux Kustomization / Argo CD Application whose path brought this document in. */
  deployedBy?: KubeObject;
}

/** Where a namespaced object lands when its manifest names no namespace (what `kubectl apply` does). */
export const DEFAULT_NAMESPACE = 'default';

export function toResource(env: string, doc: EnvironmentDocument, isClusterScoped: ScopeResolver): Resource {
  const object: KubeObject = doc.object;
  const apiVersion = String(object.apiVersion);
  const group = apiGroupOf(apiVersion);
  const kind = String(object.kind);
  const metadata = object.metadata ?? {};
  const name = String(metadata.name ?? (metadata as { generateName?: string }).generateName ?? '');
  const clusterScoped = isClusterScoped(group, kind);
  // A kind whose scope nothing says keeps the namespace written or given by its deployer, never a guessed `default`.
  const namespace = clusterScoped
    ? undefined
    : doc.targetNamespace ?? (metadata.namespace ? String(metadata.namespace) : doc.defaultNamespace ?? (clusterScoped === false ? DEFAULT_NAMESPACE : undefined));
  const id = { env, group, kind, ...(namespace !== undefined ? { namespace } : {}), name };
  return {
    id,
    key: resourceKey(id),
    ...(clusterScoped === undefined && namespace === undefined ? { scopeUnknown: true as const } : {}),
    apiVersion,
    labels: asStringMap(metadata.labels),
    annotations: asStringMap(metadata.annotations),
    source: doc.source,
    ...(doc.lines ? { lines: doc.lines } : {}),
    object,
  };
}

/** Said once per kind: its objects written without a namespace are filed under none, their scope being unknown. */
function scopeUnknownFinding(resource: Resource, env: string): Finding {
  const { group, kind } = resource.id;
  return {
    code: 'FFE-N-SCOPE-UNKNOWN',
    severity: 'notice',
    message: `Portée inconnue pour ${kind} (${group}) : ni sa CustomResourceDefinition dans les manifestes, ni un kind connu. Ses objets écrits sans namespace sont rangés sans namespace (portée inconnue), pas dans « default ».`,
    hint: 'Ajoutez la CustomResourceDefinition au dépôt (ou le namespace aux objets s’ils en ont un) pour que leur place soit certaine.',
    location: resource.source,
    env,
  };
}

function describe(resource: Resource): string {
  const { kind, namespace, name } = resource.id;
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

function invalid(code: string, message: string, hint: string, doc: EnvironmentDocument, env: string): Finding {
  return { code, severity: 'error', message, hint, location: doc.source, env };
}

/**
 * What Kubernetes would refuse in a resource's identity (its validation rules, names.ts), as errors: such a resource is
 * left out of the model, so that its name never becomes a page address, a file, a title or a label.
 */
export function identityFindings(env: string, doc: EnvironmentDocument, resource: Resource): Finding[] {
  const found: Finding[] = [];
  const { kind, group, name, namespace } = resource.id;
  const variable = [name, namespace].find((text) => text?.includes('${'));
  if (variable !== undefined) {
    // A Flux variable nobody sets here (a folder read without the Kustomization that substitutes it): the real name
    // is unknown, and `${…}` must never become a page, an address or a namespace.
    found.push({
      code: 'FFE-W-NAME-UNRESOLVED',
      severity: 'warning',
      message: `${kind} « ${quotedName(name)} »${namespace !== undefined ? ` (namespace « ${quotedName(namespace)} »)` : ''} : son nom contient une variable Flux que rien ne définit pour l’environnement « ${env} » ; l’objet n’est pas documenté.`,
      hint: 'Flux la remplace au déploiement (postBuild.substitute de la Kustomization qui applique ce dossier) : vérifiez que ce dossier est bien appliqué par cette Kustomization, et que la variable y est définie.',
      location: doc.source,
      env,
    });
    return found;
  }
  const kindWrong = kindProblem(kind);
  if (kindWrong) {
    found.push(invalid('FFE-E-INVALID-KIND', `kind « ${quotedName(kind)} » refusé : un kind ${kindWrong}. Kubernetes refuserait cet objet ; il est ignoré.`, 'Corrigez le champ kind de cet objet.', doc, env));
    return found;
  }
  const versionWrong = apiVersionProblem(resource.apiVersion);
  if (versionWrong) {
    found.push(invalid('FFE-E-INVALID-APIVERSION', `apiVersion « ${quotedName(resource.apiVersion)} » refusée : elle ${versionWrong}. Kubernetes refuserait cet objet ; il est ignoré.`, 'Corrigez le champ apiVersion de cet objet.', doc, env));
  }
  const generated = !doc.object.metadata?.name;
  const nameWrong = nameProblem(nameRuleOf(group, kind), name, { generated });
  if (nameWrong) {
    const field = generated ? 'metadata.generateName' : 'metadata.name';
    found.push(invalid('FFE-E-INVALID-NAME', `Nom « ${quotedName(name)} » refusé : le nom d’un objet ${kind} ${nameWrong}. Kubernetes refuserait cet objet ; il est ignoré.`, `Corrigez ${field} de cet objet.`, doc, env));
  }
  const written = doc.object.metadata?.namespace;
  if (written !== undefined && written !== null && typeof written !== 'string') {
    // `namespace: no` is the boolean false in YAML 1.1, as Kubernetes reads it: not a namespace.
    found.push(invalid('FFE-E-INVALID-NAMESPACE', `metadata.namespace n’est pas un texte (${JSON.stringify(written)}) : Kubernetes refuserait cet objet ; il est ignoré.`, 'Mettez l’espace de noms entre guillemets s’il ressemble à un booléen ou à un nombre (« no », « on », « 0644 »).', doc, env));
  } else if (namespace !== undefined) {
    const namespaceWrong = nameProblem('dns1123-label', namespace);
    if (namespaceWrong) {
      const from = doc.targetNamespace !== undefined ? 'le targetNamespace de la Kustomization Flux qui le déploie' : doc.object.metadata?.namespace ? 'metadata.namespace de cet objet' : 'l’espace de noms de destination de l’Application Argo CD qui le déploie';
      found.push(invalid('FFE-E-INVALID-NAMESPACE', `Espace de noms « ${quotedName(namespace)} » refusé : un espace de noms ${namespaceWrong}. Kubernetes refuserait cet objet ; il est ignoré.`, `Corrigez ${from}.`, doc, env));
    }
  }
  return found;
}

/**
 * The same identity defined twice: the first definition (in source order) is kept, each other one is an error. The
 * objects HelmReleases make, deduced from their values, join those written (kinds/helm-charts).
 */
export function buildEnvironment(
  name: string,
  documents: readonly EnvironmentDocument[],
): { environment: Environment; findings: Finding[]; deployedBy: Map<string, string[]> } {
  const isClusterScoped = scopeResolver(documents.map((d) => d.object));
  const findings: Finding[] = [];
  const unknownScopes = new Set<string>();
  const kept = new Map<string, Resource>();
  const deployerObjects = new Map<string, KubeObject>();
  for (const doc of documents) {
    const resource = toResource(name, doc, isClusterScoped);
    const refused = identityFindings(name, doc, resource);
    if (refused.length > 0) {
      findings.push(...refused);
      continue;
    }
    if (resource.scopeUnknown && !unknownScopes.has(`${resource.id.group}/${resource.id.kind}`)) {
      unknownScopes.add(`${resource.id.group}/${resource.id.kind}`);
      findings.push(scopeUnknownFinding(resource, name));
    }
    const first = kept.get(resource.key);
    if (!first) {
      kept.set(resource.key, resource);
      if (doc.deployedBy) deployerObjects.set(resource.key, doc.deployedBy);
      continue;
    }
    if (first.source.path === resource.source.path && first.source.line === resource.source.line) continue;
    findings.push({
      code: 'FFE-E-DUPLICATE-RESOURCE',
      severity: 'error',
      message: `${describe(resource)} est défini deux fois dans l’environnement « ${name} » (déjà en ${formatLocation(first.source)}).`,
      hint: 'Kubernetes n’en garderait qu’une version : supprimez ou renommez l’une des deux définitions.',
      location: resource.source,
      env: name,
      resource: resource.key,
    });
  }
  const environment = withDeducedObjects(createEnvironment(name, [...kept.values()]));
  return { environment, findings, deployedBy: deployedByKey(kept, deployerObjects) };
}

/** Deployer key → keys of what it deployed. Documents keep their deployer's object, so identity is by reference. */
function deployedByKey(kept: Map<string, Resource>, deployerObjects: Map<string, KubeObject>): Map<string, string[]> {
  const keyOfObject = new Map<KubeObject, string>();
  for (const resource of kept.values()) keyOfObject.set(resource.object, resource.key);
  const out = new Map<string, string[]>();
  for (const [key, deployer] of deployerObjects) {
    const deployerKey = keyOfObject.get(deployer);
    if (!deployerKey) continue;
    out.set(deployerKey, [...(out.get(deployerKey) ?? []), key]);
  }
  return out;
}
