// The kind registry: everything the documentation knows about a kind, one entry per API group and kind, in one table
// (as KubeDiagrams' kube-diagrams.yaml does): its French label, how diagrams draw it, its scope, the objects the
// cluster provides of it, which parser reads it and which relation builders its resources run.
//
// Adding a kind is adding an entry here, a parser in this folder if no existing one reads it, a relation file in
// ../relations if it brings new edges, and their tests (see ../relations/README.md).
import { asRecord } from '../fields.ts';
import { argoApplicationCharts, helmReleaseCharts, k3sHelmChartCharts, k3sHelmChartConfigCharts } from '../helm.ts';
import { apiGroupOf, type Environment, type HelmComponent, type KubeObject, type Resource, type ResourceId } from '../model.ts';
import { databaseClusterEdges, backupEdges } from '../relations/cnpg.ts';
import {
  certificateSecrets,
  databaseClusterSecrets,
  fluxSourceSecrets,
  helmReleaseSecrets,
  issuerSecrets,
  k8upSecrets,
  kustomizationSecrets,
  middlewareSecrets,
  objectStoreSecrets,
} from '../relations/custom-resource-secrets.ts';
import { disruptionBudgetTargets } from '../relations/disruption-budget.ts';
import { helmReleaseEdges, kustomizationEdges } from '../relations/flux.ts';
import { networkPolicyEdges } from '../relations/network-policy.ts';
import { roleBindingEdges } from '../relations/rbac.ts';
import { routeEdges } from '../relations/routes.ts';
import { autoscalerTargets } from '../relations/scale-target.ts';
import { sealedSecretProducts } from '../relations/sealed-secret.ts';
import { serviceSelections } from '../relations/service-selector.ts';
import { claimStorageClass, claimTemplateStorageClasses } from '../relations/storage-class.ts';
import { certificateEdges, routeTlsEdges } from '../relations/tls.ts';
import { workloadConfigUses } from '../relations/workload-config.ts';
import { databaseClusterDestination, k8upDestination } from './backups.ts';
import type { BuiltIn, KindEntry, NodeClass, NodeShape } from './entry.ts';
import { BARMAN_CLOUD, CNPG, databaseClusterPods, objectStoreDestination } from './postgres.ts';
import { parseGrpcRoute, parseHttpRoute, parseIngress, parseIngressRoute, parseIngressRouteTcp, type Route } from './routes.ts';
import { SECRET_MANAGER_KINDS } from './secret-managers.ts';
import { maskPublished } from '../secret-mask.ts';
import { cronJobSchedules, k8upSchedules, scheduledBackupSchedules, type Schedule } from './schedules.ts';
import { workloadPods, type Pods } from './workloads.ts';

const workload = { nodeClass: 'workload', pods: workloadPods, relations: [workloadConfigUses] } as const;
const clusterScoped = { clusterScoped: true } as const;

/** Every Kubernetes namespace has these, made by the API server or the kubelet. */
const EVERY_NAMESPACE = '*';

export const KINDS: readonly KindEntry[] = [
  // Core (v1) ------------------------------------------------------------------------------------------------------
  { group: '', kind: 'Pod', label: 'Pod', ...workload },
  {
    group: '',
    kind: 'Service',
    label: 'Service',
    nodeClass: 'service',
    shape: 'round',
    builtIns: [{ name: 'kubernetes', namespace: 'default', provider: 'Kubernetes' }],
    relations: [serviceSelections],
  },
  {
    group: '',
    kind: 'ConfigMap',
    label: 'ConfigMap',
    nodeClass: 'config',
    // The cluster's CA bundle, published in every namespace for pods to trust the API server.
    builtIns: [{ name: 'kube-root-ca.crt', namespace: EVERY_NAMESPACE, provider: 'Kubernetes' }],
  },
  {
    group: '',
    kind: 'Secret',
    label: 'Secret',
    nodeClass: 'secret',
    // `flux bootstrap` writes the deploy key of the repository it points Flux at.
    builtIns: [{ name: 'flux-system', namespace: 'flux-system', provider: 'flux bootstrap' }],
    secretValues: [['data'], ['stringData']],
  },
  { group: '', kind: 'PersistentVolumeClaim', label: 'Volume (PVC)', nodeClass: 'data', shape: 'cylinder', relations: [claimStorageClass] },
  { group: '', kind: 'PersistentVolume', label: 'Volume persistant', nodeClass: 'data', ...clusterScoped },
  {
    group: '',
    kind: 'Namespace',
    label: 'Espace de noms',
    nodeClass: 'other',
    ...clusterScoped,
    builtIns: ['default', 'kube-system', 'kube-public', 'kube-node-lease'].map((name) => ({ name, provider: 'Kubernetes' })),
  },
  {
    group: '',
    kind: 'ServiceAccount',
    label: 'Compte de service',
    nodeClass: 'policy',
    builtIns: [{ name: 'default', namespace: EVERY_NAMESPACE, provider: 'Kubernetes' }],
  },
  { group: '', kind: 'Node', label: 'Nœud', nodeClass: 'other', ...clusterScoped },
  { group: '', kind: 'ComponentStatus', label: 'ComponentStatus', nodeClass: 'other', ...clusterScoped },

  // Workloads -------------------------------------------------------------------------------------------------------
  { group: 'apps', kind: 'Deployment', label: 'Déploiement', ...workload },
  { group: 'apps', kind: 'StatefulSet', label: 'StatefulSet', ...workload, relations: [workloadConfigUses, claimTemplateStorageClasses] },
  { group: 'apps', kind: 'DaemonSet', label: 'DaemonSet', ...workload },
  { group: 'apps', kind: 'ReplicaSet', label: 'ReplicaSet', ...workload },
  { group: 'batch', kind: 'Job', label: 'Tâche', ...workload },
  { group: 'batch', kind: 'CronJob', label: 'Tâche planifiée', ...workload, schedules: cronJobSchedules },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', label: 'Mise à l’échelle auto.', nodeClass: 'policy', relations: [autoscalerTargets] },
  { group: 'policy', kind: 'PodDisruptionBudget', label: 'Budget d’interruption', nodeClass: 'policy', relations: [disruptionBudgetTargets] },

  // Traffic ---------------------------------------------------------------------------------------------------------
  {
    group: 'networking.k8s.io',
    formerGroups: ['extensions'],
    kind: 'Ingress',
    label: 'Ingress',
    nodeClass: 'ingress',
    route: parseIngress,
    relations: [routeEdges, routeTlsEdges],
  },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy', label: 'Règle réseau', nodeClass: 'policy', relations: [networkPolicyEdges] },
  { group: 'networking.k8s.io', kind: 'IngressClass', label: 'Classe d’Ingress', nodeClass: 'ingress', ...clusterScoped },
  { group: 'networking.k8s.io', kind: 'IPAddress', label: 'IPAddress', nodeClass: 'other', ...clusterScoped },
  { group: 'networking.k8s.io', kind: 'ServiceCIDR', label: 'ServiceCIDR', nodeClass: 'other', ...clusterScoped },
  {
    group: 'traefik.io',
    formerGroups: ['traefik.containo.us'],
    kind: 'IngressRoute',
    label: 'Route Traefik',
    nodeClass: 'ingress',
    route: parseIngressRoute,
    relations: [routeEdges],
  },
  {
    group: 'traefik.io',
    formerGroups: ['traefik.containo.us'],
    kind: 'IngressRouteTCP',
    label: 'Route TCP Traefik',
    nodeClass: 'ingress',
    route: parseIngressRouteTcp,
    relations: [routeEdges],
  },
  {
    group: 'traefik.io',
    formerGroups: ['traefik.containo.us'],
    kind: 'Middleware',
    label: 'Middleware Traefik',
    nodeClass: 'ingress',
    relations: [middlewareSecrets],
  },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', label: 'Passerelle', nodeClass: 'ingress' },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', label: 'Classe de passerelle', nodeClass: 'ingress', ...clusterScoped },
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', label: 'Route HTTP', nodeClass: 'ingress', route: parseHttpRoute, relations: [routeEdges] },
  { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', label: 'Route gRPC', nodeClass: 'ingress', route: parseGrpcRoute, relations: [routeEdges] },

  // Access ----------------------------------------------------------------------------------------------------------
  { group: 'rbac.authorization.k8s.io', kind: 'Role', label: 'Rôle', nodeClass: 'policy' },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    label: 'Rôle de cluster',
    nodeClass: 'policy',
    ...clusterScoped,
    // The user-facing roles and the system roles the API server bootstraps.
    builtIns: ['cluster-admin', 'admin', 'edit', 'view', 'system:*'].map((name) => ({ name, provider: 'Kubernetes' })),
  },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', label: 'Attribution de rôle', nodeClass: 'policy', relations: [roleBindingEdges] },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    label: 'Attribution de rôle de cluster',
    nodeClass: 'policy',
    ...clusterScoped,
    relations: [roleBindingEdges],
  },

  // Storage ---------------------------------------------------------------------------------------------------------
  {
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    label: 'Classe de stockage',
    nodeClass: 'data',
    ...clusterScoped,
    builtIns: [{ name: 'local-path', provider: 'k3s' }],
  },
  { group: 'storage.k8s.io', kind: 'CSIDriver', label: 'CSIDriver', nodeClass: 'data', ...clusterScoped },
  { group: 'storage.k8s.io', kind: 'CSINode', label: 'CSINode', nodeClass: 'data', ...clusterScoped },
  { group: 'storage.k8s.io', kind: 'VolumeAttachment', label: 'VolumeAttachment', nodeClass: 'data', ...clusterScoped },
  { group: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshotClass', label: 'VolumeSnapshotClass', nodeClass: 'data', ...clusterScoped },
  { group: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshotContent', label: 'VolumeSnapshotContent', nodeClass: 'data', ...clusterScoped },

  // Databases and backups -------------------------------------------------------------------------------------------
  {
    group: CNPG,
    kind: 'Cluster',
    label: 'Cluster PostgreSQL',
    nodeClass: 'data',
    shape: 'cylinder',
    pods: databaseClusterPods,
    backupDestination: databaseClusterDestination,
    relations: [databaseClusterEdges, databaseClusterSecrets],
  },
  { group: CNPG, kind: 'ScheduledBackup', label: 'Sauvegarde planifiée', nodeClass: 'data', schedules: scheduledBackupSchedules, relations: [backupEdges] },
  { group: CNPG, kind: 'Backup', label: 'Sauvegarde', nodeClass: 'data', relations: [backupEdges] },
  {
    group: BARMAN_CLOUD,
    kind: 'ObjectStore',
    label: 'Stockage objet',
    nodeClass: 'data',
    backupDestination: objectStoreDestination,
    relations: [objectStoreSecrets],
  },
  {
    group: 'k8up.io',
    kind: 'Schedule',
    label: 'Planning de sauvegarde',
    nodeClass: 'data',
    schedules: k8upSchedules,
    backupDestination: k8upDestination,
    relations: [k8upSecrets],
  },
  { group: 'k8up.io', kind: 'Backup', label: 'Sauvegarde', nodeClass: 'data', relations: [k8upSecrets] },
  { group: 'k8up.io', kind: 'Check', label: 'Check', nodeClass: 'other', relations: [k8upSecrets] },
  { group: 'k8up.io', kind: 'Prune', label: 'Prune', nodeClass: 'other', relations: [k8upSecrets] },
  { group: 'k8up.io', kind: 'Restore', label: 'Restore', nodeClass: 'other', relations: [k8upSecrets] },
  { group: 'k8up.io', kind: 'Archive', label: 'Archive', nodeClass: 'other', relations: [k8upSecrets] },

  // Certificates and secrets ----------------------------------------------------------------------------------------
  { group: 'cert-manager.io', kind: 'Certificate', label: 'Certificat', nodeClass: 'secret', relations: [certificateEdges, certificateSecrets] },
  { group: 'cert-manager.io', kind: 'ClusterIssuer', label: 'Émetteur de cluster', nodeClass: 'secret', ...clusterScoped, relations: [issuerSecrets] },
  { group: 'cert-manager.io', kind: 'Issuer', label: 'Émetteur', nodeClass: 'secret', relations: [issuerSecrets] },
  {
    group: 'bitnami.com',
    kind: 'SealedSecret',
    label: 'Secret scellé',
    nodeClass: 'secret',
    // Encrypted, but still not for publication: only the key names are shown.
    secretValues: [['spec', 'encryptedData'], ['spec', 'template', 'data']],
    relations: [sealedSecretProducts],
  },
  { group: 'external-secrets.io', kind: 'ClusterSecretStore', label: 'ClusterSecretStore', nodeClass: 'secret', ...clusterScoped },
  { group: 'external-secrets.io', kind: 'ClusterExternalSecret', label: 'ClusterExternalSecret', nodeClass: 'secret', ...clusterScoped },
  // Secret-manager operators' resources, which write Secrets from outside Git (kinds/secret-managers.ts).
  ...SECRET_MANAGER_KINDS.map((m): KindEntry => ({ group: m.group, kind: m.kind, label: m.kind, nodeClass: 'secret' })),

  // GitOps ----------------------------------------------------------------------------------------------------------
  {
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    label: 'Kustomization Flux',
    nodeClass: 'gitops',
    relations: [kustomizationEdges, kustomizationSecrets],
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    kind: 'HelmRelease',
    label: 'Release Helm',
    nodeClass: 'gitops',
    charts: helmReleaseCharts,
    relations: [helmReleaseEdges, helmReleaseSecrets],
  },
  { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', label: 'Dépôt Git', nodeClass: 'gitops', relations: [fluxSourceSecrets] },
  { group: 'source.toolkit.fluxcd.io', kind: 'HelmRepository', label: 'Dépôt Helm', nodeClass: 'gitops', relations: [fluxSourceSecrets] },
  { group: 'source.toolkit.fluxcd.io', kind: 'OCIRepository', label: 'Dépôt OCI', nodeClass: 'gitops', relations: [fluxSourceSecrets] },
  { group: 'source.toolkit.fluxcd.io', kind: 'Bucket', label: 'Bucket', nodeClass: 'gitops', relations: [fluxSourceSecrets] },
  { group: 'source.toolkit.fluxcd.io', kind: 'HelmChart', label: 'Chart Helm', nodeClass: 'gitops' },
  { group: 'helm.cattle.io', kind: 'HelmChart', label: 'Chart Helm', nodeClass: 'gitops', charts: k3sHelmChartCharts },
  { group: 'helm.cattle.io', kind: 'HelmChartConfig', label: 'Configuration de chart', nodeClass: 'gitops', charts: k3sHelmChartConfigCharts },
  { group: 'argoproj.io', kind: 'Application', label: 'Application Argo CD', nodeClass: 'gitops', charts: argoApplicationCharts },

  // Monitoring ------------------------------------------------------------------------------------------------------
  { group: 'monitoring.coreos.com', kind: 'PodMonitor', label: 'PodMonitor', nodeClass: 'other' },
  { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', label: 'ServiceMonitor', nodeClass: 'other' },
  { group: 'monitoring.coreos.com', kind: 'PrometheusRule', label: 'Règles d’alerte', nodeClass: 'other' },

  // The cluster's own machinery -------------------------------------------------------------------------------------
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', label: 'CustomResourceDefinition', nodeClass: 'other', ...clusterScoped },
  { group: 'apiregistration.k8s.io', kind: 'APIService', label: 'APIService', nodeClass: 'other', ...clusterScoped },
  ...['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'].map(
    (kind): KindEntry => ({ group: 'admissionregistration.k8s.io', kind, label: kind, nodeClass: 'policy', ...clusterScoped }),
  ),
  {
    group: 'scheduling.k8s.io',
    kind: 'PriorityClass',
    label: 'PriorityClass',
    nodeClass: 'other',
    ...clusterScoped,
    builtIns: ['system-cluster-critical', 'system-node-critical'].map((name) => ({ name, provider: 'Kubernetes' })),
  },
  { group: 'node.k8s.io', kind: 'RuntimeClass', label: 'RuntimeClass', nodeClass: 'other', ...clusterScoped },
  { group: 'certificates.k8s.io', kind: 'CertificateSigningRequest', label: 'CertificateSigningRequest', nodeClass: 'secret', ...clusterScoped },
  { group: 'flowcontrol.apiserver.k8s.io', kind: 'FlowSchema', label: 'FlowSchema', nodeClass: 'other', ...clusterScoped },
  { group: 'flowcontrol.apiserver.k8s.io', kind: 'PriorityLevelConfiguration', label: 'PriorityLevelConfiguration', nodeClass: 'other', ...clusterScoped },
  { group: 'kyverno.io', kind: 'ClusterPolicy', label: 'ClusterPolicy', nodeClass: 'policy', ...clusterScoped },
];

const BY_GROUP_AND_KIND = new Map<string, KindEntry>();
for (const entry of KINDS) {
  for (const group of [entry.group, ...(entry.formerGroups ?? [])]) {
    const id = `${group}/${entry.kind}`;
    if (BY_GROUP_AND_KIND.has(id)) throw new Error(`Registre des kinds : ${id} y figure deux fois.`);
    BY_GROUP_AND_KIND.set(id, entry);
  }
}

/** The registry entry of a kind, by API group ('' for core) and kind; undefined for a kind it does not know. */
export function kindEntry(group: string, kind: string): KindEntry | undefined {
  return BY_GROUP_AND_KIND.get(`${group}/${kind}`);
}

export type KindId = Pick<ResourceId, 'group' | 'kind'>;

/** French label of a kind (« Déploiement »); a kind the registry does not know keeps its own name. */
export function kindLabel(id: KindId): string {
  return kindEntry(id.group, id.kind)?.label ?? id.kind;
}

export function nodeClassOf(id: KindId): NodeClass {
  return kindEntry(id.group, id.kind)?.nodeClass ?? 'other';
}

export function nodeShapeOf(id: KindId): NodeShape | undefined {
  return kindEntry(id.group, id.kind)?.shape;
}

function builtInMatches(builtIn: BuiltIn, namespace: string | undefined, name: string): boolean {
  const nameMatches = builtIn.name.endsWith('*') ? name.startsWith(builtIn.name.slice(0, -1)) : name === builtIn.name;
  const namespaceMatches = builtIn.namespace === EVERY_NAMESPACE ? namespace !== undefined : builtIn.namespace === namespace;
  return nameMatches && namespaceMatches;
}

/** The object of that identity the cluster (or its bootstrap) provides without it being written, if any. */
export function builtInObject(group: string, kind: string, namespace: string | undefined, name: string): BuiltIn | undefined {
  return kindEntry(group, kind)?.builtIns?.find((b) => builtInMatches(b, namespace, name));
}

export type ScopeResolver = (group: string, kind: string) => boolean;

/**
 * `isClusterScoped(group, kind)`: a resource's namespace is part of its identity, so this must be right before keys
 * are computed. Custom resources declare their scope in their CustomResourceDefinition, read from the same objects;
 * the registry knows the built-in kinds and the custom resources we document.
 */
export function scopeResolver(objects: Iterable<KubeObject>): ScopeResolver {
  const fromCrds = new Map<string, boolean>();
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition' || apiGroupOf(object.apiVersion ?? '') !== 'apiextensions.k8s.io') continue;
    const spec = asRecord(object.spec);
    const kind = asRecord(spec?.names)?.kind;
    if (typeof spec?.group === 'string' && typeof kind === 'string') fromCrds.set(`${spec.group}/${kind}`, spec.scope === 'Cluster');
  }
  return (group, kind) => fromCrds.get(`${group}/${kind}`) ?? kindEntry(group, kind)?.clusterScoped === true;
}

/** What a route publishes, when the resource is of a route kind. */
export function routeOf(resource: Resource): Route | undefined {
  return kindEntry(resource.id.group, resource.id.kind)?.route?.(resource.object, resource.id.namespace);
}

/** What a resource runs (containers, images, replicas), when its kind runs pods. */
export function podsOf(resource: Resource): Pods | undefined {
  return kindEntry(resource.id.group, resource.id.kind)?.pods?.(resource.object);
}

/** One image a resource runs: the container that runs it (init containers included) and the reference as written. */
export interface ImageSlot {
  container: string;
  image: string;
  init: boolean;
}

/** The images a resource runs, container by container: what the images table, the comparison and the pages show. */
export function imageSlotsOf(resource: Resource): ImageSlot[] {
  return (podsOf(resource)?.containers ?? []).flatMap((c) => (c.image ? [{ container: c.name ?? '', image: c.image, init: c.init }] : []));
}

/** When a resource runs, when its kind runs on a schedule. */
export function schedulesOf(resource: Resource): Schedule[] {
  return kindEntry(resource.id.group, resource.id.kind)?.schedules?.(resource.object) ?? [];
}

/** The Helm charts an environment installs, read from every resource whose kind installs charts. */
export function helmComponents(env: Environment): HelmComponent[] {
  return env.resources.flatMap((r) => kindEntry(r.id.group, r.id.kind)?.charts?.(env, r) ?? []);
}

/** Where a resource sends backups out of the cluster, when its kind does. */
export function backupDestinationOf(resource: Resource): string | undefined {
  return kindEntry(resource.id.group, resource.id.kind)?.backupDestination?.(resource.object);
}

/** The fields of an object the registry marks as secret (by kind name, whatever the API group). */
function secretFields(object: Record<string, unknown>): (readonly string[])[] {
  return KINDS.filter((entry) => entry.kind === object.kind).flatMap((entry) => entry.secretValues ?? []);
}

function parentOf(object: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | undefined {
  return path.slice(0, -1).reduce<Record<string, unknown> | undefined>((at, field) => asRecord(at?.[field]), object);
}

/** An object's secret values as written, each with the field holding it (`data`, `stringData`…) and its key. */
export function secretValuesOf(object: KubeObject): { field: string; key: string; value: unknown }[] {
  return secretFields(object).flatMap((path) =>
    Object.entries(asRecord(parentOf(object, path)?.[path[path.length - 1]]) ?? {}).map(([key, value]) => ({ field: path.join('.'), key, value })),
  );
}

/**
 * A copy of an object fit for publication: every field the registry marks as secret keeps its keys, each value
 * replaced by `masked`. Matched by kind name whatever the API group, so that a Secret is never published by mistake.
 * What no kind marks (last-applied-configuration, Helm values' passwords, embedded Secrets) is masked by maskPublished.
 */
export function redactObject(object: KubeObject, masked: string): KubeObject {
  const copy = structuredClone(maskPublished(object)) as Record<string, unknown>;
  for (const path of secretFields(copy)) {
    const parent = parentOf(copy, path);
    const field = path[path.length - 1];
    const values = asRecord(parent?.[field]);
    if (!parent || !(field in parent) || parent[field] === null) continue;
    // A value that is not a mapping (a malformed Secret) has no keys to show: it is masked whole.
    parent[field] = values ? Object.fromEntries(Object.keys(values).map((k) => [k, masked])) : masked;
  }
  return copy as KubeObject;
}

