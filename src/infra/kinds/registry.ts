// The kind registry: everything the documentation knows about a kind, one entry per API group and kind, in one table
// (as KubeDiagrams' kube-diagrams.yaml does): its French label, how diagrams draw it, its scope, the objects the
// cluster provides of it, what its objects are (a workload and its pod template, a record of run time, part of the
// cluster, suspendable…), which parsers read it and which relation builders its resources run. No other module lists
// kinds: they ask this table (readers.ts reads any object through its entry).
//
// Adding a kind is adding an entry here, a parser in this folder if no existing one reads it, a relation file in
// ../relations if it brings new edges, and their tests (see ../relations/README.md).
import { asRecord } from '../fields.ts';
import { apiGroupOf, type KubeObject, type ResourceId } from '../model.ts';
import { databaseClusterEdges, backupEdges } from '../relations/cnpg.ts';
import { customResourceSecrets, issuerSecrets } from '../relations/custom-resource-secrets.ts';
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
import { horizontalPodAutoscalerOf, scaledObjectOf } from './autoscalers.ts';
import { databaseClusterDestination, k8upDestination, k8upSecretReferences } from './backups.ts';
import {
  certificateOf,
  certificateSecret,
  certificateSecretReferences,
  issuerAccountSecret,
  issuerSecretReferences,
} from './certificates.ts';
import { artifactGeneratorArtifacts } from './artifacts.ts';
import { customResourceDefinitionOf } from './crds.ts';
import type { BuiltIn, KindEntry, NodeClass, NodeShape } from './entry.ts';
import {
  argoApplicationCharts,
  argoApplicationDeploys,
  argoApplicationRelease,
  fluxInstanceDeploys,
  fluxSourceSecretReferences,
  helmReleaseCharts,
  helmReleaseRelease,
  helmReleaseSecretReferences,
  kustomizationDeploys,
  kustomizationSecretReferences,
} from './flux.ts';
import { argoApplicationValues, releaseValues } from './helm-charts/values.ts';
import { k3sHelmChartCharts, k3sHelmChartConfigCharts, k3sHelmChartRelease } from './k3s.ts';
import {
  BARMAN_CLOUD,
  CNPG,
  databaseClusterPods,
  databaseClusterSecretReferences,
  databaseClusterSecrets,
  databaseClusterStorage,
  objectStoreDestination,
  objectStoreSecretReferences,
} from './postgres.ts';
import {
  ingressTlsSecrets,
  middlewareSecretReferences,
  parseGrpcRoute,
  parseHttpRoute,
  parseIngress,
  parseIngressRoute,
  parseIngressRouteTcp,
} from './routes.ts';
import { SECRET_MANAGER_KINDS } from './secret-managers.ts';
import { maskPublished } from '../secret-mask.ts';
import { cronJobSchedules, k8upSchedules, scheduledBackupSchedules } from './schedules.ts';
import { claimStorage, claimTemplateStorage } from './storage.ts';

const clusterScoped = { clusterScoped: true } as const;
const clusterInternal = { nodeClass: 'other', clusterInternal: true } as const;
const runtime = { nodeClass: 'other', runtime: true } as const;
/** Where most controllers keep their pod template. */
const template = ['spec', 'template'] as const;
const replicas = ['spec', 'replicas'] as const;

/** Every Kubernetes namespace has these, made by the API server or the kubelet. */
const EVERY_NAMESPACE = '*';
/** Kubernetes reserves the `system:` prefix of RBAC names for itself, and bootstraps many such roles and bindings. */
const SYSTEM_RBAC: readonly BuiltIn[] = [{ name: 'system:*', namespace: EVERY_NAMESPACE, provider: 'Kubernetes' }];

/**
 * Custom kinds that are cluster-scoped by definition, by API group: networking (Cilium BGP and IP pools, Calico),
 * policy engines, node provisioning, tailnet operators… Their scope must be right before a key is computed, and a
 * repository rarely holds their CRDs (the operator's chart installs them).
 */
const WELL_KNOWN_CLUSTER_SCOPED: readonly (readonly [string, readonly string[]])[] = [
  [
    'cilium.io',
    [
      'CiliumBGPClusterConfig',
      'CiliumBGPPeerConfig',
      'CiliumBGPAdvertisement',
      'CiliumBGPNodeConfig',
      'CiliumBGPNodeConfigOverride',
      'CiliumBGPPeeringPolicy',
      'CiliumLoadBalancerIPPool',
      'CiliumCIDRGroup',
      'CiliumL2AnnouncementPolicy',
      'CiliumEgressGatewayPolicy',
      'CiliumClusterwideEnvoyConfig',
      'CiliumPodIPPool',
      'CiliumNode',
      'CiliumIdentity',
      'CiliumExternalWorkload',
    ],
  ],
  ...['crd.projectcalico.org', 'projectcalico.org'].map(
    (group) =>
      [group, ['IPPool', 'IPReservation', 'BGPConfiguration', 'BGPPeer', 'BGPFilter', 'FelixConfiguration', 'ClusterInformation', 'GlobalNetworkSet', 'HostEndpoint', 'KubeControllersConfiguration', 'Tier']] as const,
  ),
  ['kyverno.io', ['ClusterCleanupPolicy']],
  ['policies.kyverno.io', ['ValidatingPolicy', 'MutatingPolicy', 'GeneratingPolicy', 'ImageValidatingPolicy', 'DeletingPolicy']],
  ['wgpolicyk8s.io', ['ClusterPolicyReport']],
  ['templates.gatekeeper.sh', ['ConstraintTemplate']],
  ['policy.sigstore.dev', ['ClusterImagePolicy']],
  ['generators.external-secrets.io', ['ClusterGenerator']],
  ['tailscale.com', ['Connector', 'ProxyClass', 'ProxyGroup', 'DNSConfig', 'Recorder']],
  ['karpenter.sh', ['NodePool', 'NodeClaim']],
  ['karpenter.k8s.aws', ['EC2NodeClass']],
  ['nfd.k8s-sigs.io', ['NodeFeatureRule']],
  ['nvidia.com', ['ClusterPolicy']],
  ['deviceplugin.intel.com', ['GpuDevicePlugin']],
  ['kueue.x-k8s.io', ['ClusterQueue', 'ResourceFlavor']],
  ['capsule.clastix.io', ['Tenant']],
  ['metal3.io', ['Provisioning']],
];

export const KINDS: readonly KindEntry[] = [
  // Core (v1) ------------------------------------------------------------------------------------------------------
  {
    group: '',
    kind: 'Pod',
    label: 'Pod',
    nodeClass: 'workload',
    workload: { template: [], replicas: 'per-run', lifecycle: 'once' },
    handMade: true,
    export: 'never',
    relations: [workloadConfigUses],
  },
  {
    group: '',
    kind: 'Service',
    label: 'Service',
    nodeClass: 'service',
    shape: 'round',
    builtIns: [{ name: 'kubernetes', namespace: 'default', provider: 'Kubernetes' }],
    export: 'always',
    relations: [serviceSelections],
  },
  {
    group: '',
    kind: 'ConfigMap',
    label: 'ConfigMap',
    nodeClass: 'config',
    supporting: true,
    // The cluster's CA bundle, published in every namespace for pods to trust the API server.
    builtIns: [{ name: 'kube-root-ca.crt', namespace: EVERY_NAMESPACE, provider: 'Kubernetes' }],
    export: 'always',
  },
  {
    group: '',
    kind: 'Secret',
    label: 'Secret',
    nodeClass: 'secret',
    supporting: true,
    // `flux bootstrap` writes the deploy key of the repository it points Flux at.
    builtIns: [{ name: 'flux-system', namespace: 'flux-system', provider: 'flux bootstrap' }],
    secretValues: [['data'], ['stringData']],
    export: 'never',
  },
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    label: 'Volume (PVC)',
    nodeClass: 'data',
    shape: 'cylinder',
    data: 'volume',
    storage: claimStorage,
    export: 'always',
    relations: [claimStorageClass],
  },
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
    supporting: true,
    builtIns: [{ name: 'default', namespace: EVERY_NAMESPACE, provider: 'Kubernetes' }],
    export: 'always',
  },
  { group: '', kind: 'Node', label: 'Nœud', ...clusterInternal, ...clusterScoped },
  { group: '', kind: 'ComponentStatus', label: 'ComponentStatus', ...clusterInternal, ...clusterScoped },
  { group: '', kind: 'Binding', label: 'Binding', ...clusterInternal },
  { group: '', kind: 'Endpoints', label: 'Endpoints', ...runtime, export: 'never' },
  { group: '', kind: 'Event', label: 'Event', ...runtime, export: 'never' },
  { group: 'events.k8s.io', kind: 'Event', label: 'Event', ...runtime },
  { group: 'discovery.k8s.io', kind: 'EndpointSlice', label: 'EndpointSlice', ...runtime, export: 'never' },
  { group: 'coordination.k8s.io', kind: 'Lease', label: 'Lease', ...runtime },
  { group: 'metrics.k8s.io', kind: 'NodeMetrics', label: 'NodeMetrics', ...clusterInternal, ...clusterScoped },
  { group: 'metrics.k8s.io', kind: 'PodMetrics', label: 'PodMetrics', ...clusterInternal },

  // Workloads -------------------------------------------------------------------------------------------------------
  {
    group: 'apps',
    kind: 'Deployment',
    label: 'Déploiement',
    nodeClass: 'workload',
    workload: { template, replicas, lifecycle: 'long-running' },
    export: 'always',
    relations: [workloadConfigUses],
  },
  {
    group: 'apps',
    kind: 'StatefulSet',
    label: 'StatefulSet',
    nodeClass: 'workload',
    workload: { template, replicas, lifecycle: 'long-running' },
    storage: claimTemplateStorage,
    export: 'always',
    relations: [workloadConfigUses, claimTemplateStorageClasses],
  },
  {
    group: 'apps',
    kind: 'DaemonSet',
    label: 'DaemonSet',
    nodeClass: 'workload',
    workload: { template, replicas: 'per-node', lifecycle: 'long-running' },
    export: 'always',
    relations: [workloadConfigUses],
  },
  {
    group: 'apps',
    kind: 'ReplicaSet',
    label: 'ReplicaSet',
    nodeClass: 'workload',
    workload: { template, replicas, lifecycle: 'long-running', ownedPods: true },
    handMade: true,
    export: 'never',
    relations: [workloadConfigUses],
  },
  {
    group: '',
    kind: 'ReplicationController',
    label: 'ReplicationController',
    nodeClass: 'workload',
    workload: { template, replicas, lifecycle: 'long-running' },
    relations: [workloadConfigUses],
  },
  { group: 'apps', kind: 'ControllerRevision', label: 'ControllerRevision', ...runtime },
  {
    group: 'batch',
    kind: 'CronJob',
    label: 'Tâche planifiée',
    nodeClass: 'workload',
    workload: { template: ['spec', 'jobTemplate', 'spec', 'template'], replicas: 'per-run', lifecycle: 'to-completion' },
    schedules: cronJobSchedules,
    suspendable: true,
    export: 'always',
    relations: [workloadConfigUses],
  },
  {
    group: 'batch',
    kind: 'Job',
    label: 'Tâche',
    nodeClass: 'workload',
    workload: { template, replicas: 'per-run', lifecycle: 'to-completion' },
    handMade: true,
    relations: [workloadConfigUses],
  },
  {
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    label: 'Mise à l’échelle auto.',
    nodeClass: 'policy',
    supporting: true,
    scaleTarget: horizontalPodAutoscalerOf,
    export: 'always',
    relations: [autoscalerTargets],
  },
  { group: 'keda.sh', kind: 'ScaledObject', label: 'ScaledObject', nodeClass: 'policy', scaleTarget: scaledObjectOf, relations: [autoscalerTargets] },
  { group: 'policy', kind: 'PodDisruptionBudget', label: 'Budget d’interruption', nodeClass: 'policy', supporting: true, relations: [disruptionBudgetTargets] },

  // Traffic ---------------------------------------------------------------------------------------------------------
  {
    group: 'networking.k8s.io',
    servedAlsoUnder: ['extensions'],
    kind: 'Ingress',
    label: 'Ingress',
    nodeClass: 'ingress',
    route: parseIngress,
    producesSecrets: ingressTlsSecrets,
    export: 'always',
    relations: [routeEdges, routeTlsEdges],
  },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy', label: 'Règle réseau', nodeClass: 'policy', supporting: true, relations: [networkPolicyEdges] },
  { group: 'networking.k8s.io', kind: 'IngressClass', label: 'Classe d’Ingress', nodeClass: 'ingress', ...clusterScoped },
  { group: 'networking.k8s.io', kind: 'IPAddress', label: 'IPAddress', nodeClass: 'other', ...clusterScoped },
  { group: 'networking.k8s.io', kind: 'ServiceCIDR', label: 'ServiceCIDR', nodeClass: 'other', ...clusterScoped },
  // Other engines' network policies: a namespace holding one counts as closed (policy/rules.ts).
  { group: 'cilium.io', kind: 'CiliumNetworkPolicy', label: 'CiliumNetworkPolicy', nodeClass: 'policy', networkPolicy: 'namespace' },
  { group: 'cilium.io', kind: 'CiliumClusterwideNetworkPolicy', label: 'CiliumClusterwideNetworkPolicy', nodeClass: 'policy', ...clusterScoped, networkPolicy: 'cluster' },
  ...['crd.projectcalico.org', 'projectcalico.org'].flatMap((group): KindEntry[] => [
    { group, kind: 'NetworkPolicy', label: 'Règle réseau Calico', nodeClass: 'policy', supporting: true, networkPolicy: 'namespace' },
    { group, kind: 'GlobalNetworkPolicy', label: 'GlobalNetworkPolicy', nodeClass: 'policy', ...clusterScoped, networkPolicy: 'cluster' },
  ]),
  ...['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'].map(
    (kind): KindEntry => ({ group: 'policy.networking.k8s.io', kind, label: kind, nodeClass: 'policy', ...clusterScoped, networkPolicy: 'cluster' }),
  ),
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
    supporting: true,
    secretReferences: middlewareSecretReferences,
    relations: [customResourceSecrets],
  },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', label: 'Passerelle', nodeClass: 'ingress' },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', label: 'Classe de passerelle', nodeClass: 'ingress', ...clusterScoped },
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', label: 'Route HTTP', nodeClass: 'ingress', route: parseHttpRoute, relations: [routeEdges] },
  { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', label: 'Route gRPC', nodeClass: 'ingress', route: parseGrpcRoute, relations: [routeEdges] },

  // Access ----------------------------------------------------------------------------------------------------------
  { group: 'rbac.authorization.k8s.io', kind: 'Role', label: 'Rôle', nodeClass: 'policy', supporting: true, builtIns: SYSTEM_RBAC },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    label: 'Rôle de cluster',
    nodeClass: 'policy',
    ...clusterScoped,
    // The user-facing roles and the system roles the API server bootstraps.
    builtIns: ['cluster-admin', 'admin', 'edit', 'view', 'system:*'].map((name) => ({ name, provider: 'Kubernetes' })),
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'RoleBinding',
    label: 'Attribution de rôle',
    nodeClass: 'policy',
    supporting: true,
    builtIns: SYSTEM_RBAC,
    relations: [roleBindingEdges],
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    label: 'Attribution de rôle de cluster',
    nodeClass: 'policy',
    ...clusterScoped,
    builtIns: [{ name: 'system:*', provider: 'Kubernetes' }],
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
  { group: 'storage.k8s.io', kind: 'CSINode', label: 'CSINode', nodeClass: 'data', clusterInternal: true, ...clusterScoped },
  { group: 'storage.k8s.io', kind: 'VolumeAttachment', label: 'VolumeAttachment', nodeClass: 'data', clusterInternal: true, ...clusterScoped },
  { group: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshotClass', label: 'VolumeSnapshotClass', nodeClass: 'data', ...clusterScoped },
  { group: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshotContent', label: 'VolumeSnapshotContent', nodeClass: 'data', ...clusterScoped },

  // Databases and backups -------------------------------------------------------------------------------------------
  {
    group: CNPG,
    kind: 'Cluster',
    label: 'Cluster PostgreSQL',
    nodeClass: 'data',
    shape: 'cylinder',
    data: 'database',
    pods: databaseClusterPods,
    storage: databaseClusterStorage,
    backupDestination: databaseClusterDestination,
    secretReferences: databaseClusterSecretReferences,
    producesSecrets: databaseClusterSecrets,
    relations: [databaseClusterEdges, customResourceSecrets],
  },
  {
    group: CNPG,
    kind: 'ScheduledBackup',
    label: 'Sauvegarde planifiée',
    nodeClass: 'data',
    data: 'backup-plan',
    schedules: scheduledBackupSchedules,
    suspendable: true,
    relations: [backupEdges],
  },
  { group: CNPG, kind: 'Backup', label: 'Sauvegarde', nodeClass: 'data', relations: [backupEdges] },
  {
    group: BARMAN_CLOUD,
    kind: 'ObjectStore',
    label: 'Stockage objet',
    nodeClass: 'data',
    data: 'backup-store',
    backupDestination: objectStoreDestination,
    secretReferences: objectStoreSecretReferences,
    relations: [customResourceSecrets],
  },
  {
    group: 'k8up.io',
    kind: 'Schedule',
    label: 'Planning de sauvegarde',
    nodeClass: 'data',
    data: 'backup-plan',
    // Its backups, checks and prunes run as pods in its namespace.
    runsPods: true,
    schedules: k8upSchedules,
    backupDestination: k8upDestination,
    secretReferences: k8upSecretReferences,
    relations: [customResourceSecrets],
  },
  ...[
    ['Backup', 'Sauvegarde'],
    ['Check', 'Check'],
    ['Prune', 'Prune'],
    ['Restore', 'Restore'],
    ['Archive', 'Archive'],
  ].map(
    ([kind, label]): KindEntry => ({
      group: 'k8up.io',
      kind,
      label,
      nodeClass: kind === 'Backup' ? 'data' : 'other',
      secretReferences: k8upSecretReferences,
      relations: [customResourceSecrets],
    }),
  ),

  // Certificates and secrets ----------------------------------------------------------------------------------------
  {
    group: 'cert-manager.io',
    kind: 'Certificate',
    label: 'Certificat',
    nodeClass: 'secret',
    supporting: true,
    certificate: certificateOf,
    secretReferences: certificateSecretReferences,
    producesSecrets: certificateSecret,
    relations: [certificateEdges, customResourceSecrets],
  },
  {
    group: 'cert-manager.io',
    kind: 'ClusterIssuer',
    label: 'Émetteur de cluster',
    nodeClass: 'secret',
    ...clusterScoped,
    secretReferences: issuerSecretReferences,
    producesSecrets: issuerAccountSecret,
    relations: [issuerSecrets],
  },
  {
    group: 'cert-manager.io',
    kind: 'Issuer',
    label: 'Émetteur',
    nodeClass: 'secret',
    secretReferences: issuerSecretReferences,
    producesSecrets: issuerAccountSecret,
    relations: [issuerSecrets],
  },
  {
    group: 'bitnami.com',
    kind: 'SealedSecret',
    label: 'Secret scellé',
    nodeClass: 'secret',
    supporting: true,
    // Encrypted, but still not for publication: only the key names are shown.
    secretValues: [['spec', 'encryptedData'], ['spec', 'template', 'data']],
    producesSecrets: (sealed) => [{ namespace: sealed.id.namespace, name: sealed.id.name, how: `produit par le SealedSecret ${sealed.id.name}` }],
    relations: [sealedSecretProducts],
  },
  {
    // Talos Linux's API access for pods: the node writes a Secret of the same name holding the credentials.
    group: 'talos.dev',
    kind: 'ServiceAccount',
    label: 'Compte de service Talos',
    nodeClass: 'secret',
    supporting: true,
    producesSecrets: (account) => [{ namespace: account.id.namespace, name: account.id.name, how: `produit par Talos (ServiceAccount talos.dev ${account.id.name})` }],
  },
  { group: 'external-secrets.io', kind: 'ClusterSecretStore', label: 'ClusterSecretStore', nodeClass: 'secret', ...clusterScoped },
  { group: 'external-secrets.io', kind: 'ClusterExternalSecret', label: 'ClusterExternalSecret', nodeClass: 'secret', ...clusterScoped },
  // Secret-manager operators' resources, which write Secrets from outside Git (kinds/secret-managers.ts).
  ...SECRET_MANAGER_KINDS.map(
    (m): KindEntry => ({
      group: m.group,
      kind: m.kind,
      label: m.kind,
      nodeClass: 'secret',
      producesSecrets: (r) => m.secrets(r.object).map((name) => ({ namespace: r.id.namespace, name, how: `produit par ${m.operator} (${r.id.kind} ${r.id.name})` })),
    }),
  ),

  // GitOps ----------------------------------------------------------------------------------------------------------
  {
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    label: 'Kustomization Flux',
    nodeClass: 'gitops',
    deploys: kustomizationDeploys,
    buildFields: [['spec', 'path'], ['spec', 'patches'], ['spec', 'images'], ['spec', 'postBuild'], ['spec', 'components']],
    suspendable: true,
    secretReferences: kustomizationSecretReferences,
    relations: [kustomizationEdges, customResourceSecrets],
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    kind: 'HelmRelease',
    label: 'Release Helm',
    nodeClass: 'gitops',
    charts: helmReleaseCharts,
    chartValues: releaseValues,
    release: helmReleaseRelease,
    suspendable: true,
    secretReferences: helmReleaseSecretReferences,
    relations: [helmReleaseEdges, customResourceSecrets],
  },
  ...[
    ['GitRepository', 'Dépôt Git'],
    ['HelmRepository', 'Dépôt Helm'],
    ['OCIRepository', 'Dépôt OCI'],
  ].map(
    ([kind, label]): KindEntry => ({
      group: 'source.toolkit.fluxcd.io',
      kind,
      label,
      nodeClass: 'gitops',
      fluxSource: true,
      suspendable: true,
      secretReferences: fluxSourceSecretReferences,
      relations: [customResourceSecrets],
    }),
  ),
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'Bucket',
    label: 'Bucket',
    nodeClass: 'gitops',
    fluxSource: true,
    secretReferences: fluxSourceSecretReferences,
    relations: [customResourceSecrets],
  },
  { group: 'source.toolkit.fluxcd.io', kind: 'HelmChart', label: 'Chart Helm', nodeClass: 'gitops', fluxSource: true },
  // Made by an ArtifactGenerator (or another controller) from other sources: never written in Git.
  { group: 'source.toolkit.fluxcd.io', kind: 'ExternalArtifact', label: 'Artefact externe', nodeClass: 'gitops', fluxSource: true },
  {
    group: 'source.extensions.fluxcd.io',
    kind: 'ArtifactGenerator',
    label: 'Générateur d’artefacts',
    nodeClass: 'gitops',
    artifacts: artifactGeneratorArtifacts,
  },
  {
    group: 'fluxcd.controlplane.io',
    kind: 'FluxInstance',
    label: 'FluxInstance',
    nodeClass: 'gitops',
    deploys: fluxInstanceDeploys,
    buildFields: [['spec', 'sync', 'path']],
  },
  { group: 'helm.cattle.io', kind: 'HelmChart', label: 'Chart Helm', nodeClass: 'gitops', charts: k3sHelmChartCharts, release: k3sHelmChartRelease },
  { group: 'helm.cattle.io', kind: 'HelmChartConfig', label: 'Configuration de chart', nodeClass: 'gitops', charts: k3sHelmChartConfigCharts },
  {
    group: 'argoproj.io',
    kind: 'Application',
    label: 'Application Argo CD',
    nodeClass: 'gitops',
    charts: argoApplicationCharts,
    chartValues: argoApplicationValues,
    release: argoApplicationRelease,
    deploys: argoApplicationDeploys,
    buildFields: [['spec', 'source', 'path'], ['spec', 'sources']],
  },

  // Monitoring ------------------------------------------------------------------------------------------------------
  { group: 'monitoring.coreos.com', kind: 'PodMonitor', label: 'PodMonitor', nodeClass: 'other', supporting: true },
  { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', label: 'ServiceMonitor', nodeClass: 'other', supporting: true },
  { group: 'monitoring.coreos.com', kind: 'PrometheusRule', label: 'Règles d’alerte', nodeClass: 'other', supporting: true },

  // The cluster's own machinery -------------------------------------------------------------------------------------
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    label: 'CustomResourceDefinition',
    nodeClass: 'other',
    ...clusterScoped,
    definesKind: customResourceDefinitionOf,
  },
  { group: 'apiregistration.k8s.io', kind: 'APIService', label: 'APIService', ...clusterInternal, ...clusterScoped },
  ...['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'].map(
    (kind): KindEntry => ({ group: 'admissionregistration.k8s.io', kind, label: kind, nodeClass: 'policy', ...clusterScoped }),
  ),
  {
    group: 'scheduling.k8s.io',
    kind: 'PriorityClass',
    label: 'PriorityClass',
    nodeClass: 'other',
    ...clusterScoped,
    // Kubernetes reserves the `system-` prefix for these two.
    builtIns: ['system-cluster-critical', 'system-node-critical'].map((name) => ({ name, provider: 'Kubernetes' })),
  },
  { group: 'node.k8s.io', kind: 'RuntimeClass', label: 'RuntimeClass', nodeClass: 'other', ...clusterScoped },
  { group: 'certificates.k8s.io', kind: 'CertificateSigningRequest', label: 'CertificateSigningRequest', nodeClass: 'secret', clusterInternal: true, ...clusterScoped },
  { group: 'flowcontrol.apiserver.k8s.io', kind: 'FlowSchema', label: 'FlowSchema', nodeClass: 'other', ...clusterScoped },
  { group: 'flowcontrol.apiserver.k8s.io', kind: 'PriorityLevelConfiguration', label: 'PriorityLevelConfiguration', nodeClass: 'other', ...clusterScoped },
  { group: 'kyverno.io', kind: 'ClusterPolicy', label: 'ClusterPolicy', nodeClass: 'policy', ...clusterScoped },

  // Well-known cluster-scoped custom kinds, for repositories that do not carry their CRDs (a chart installs them) ------
  ...WELL_KNOWN_CLUSTER_SCOPED.flatMap(([group, kinds]) =>
    kinds.map((kind): KindEntry => ({ group, kind, label: kind, nodeClass: 'other', ...clusterScoped })),
  ),
];

const BY_GROUP_AND_KIND = new Map<string, KindEntry>();
for (const entry of KINDS) {
  for (const group of [entry.group, ...(entry.servedAlsoUnder ?? []), ...(entry.formerGroups ?? [])]) {
    const id = `${group}/${entry.kind}`;
    if (BY_GROUP_AND_KIND.has(id)) throw new Error(`Registre des kinds : ${id} y figure deux fois.`);
    BY_GROUP_AND_KIND.set(id, entry);
  }
}

/** The registry entry of a kind, by API group ('' for core) and kind; undefined for a kind it does not know. */
export function kindEntry(group: string, kind: string): KindEntry | undefined {
  return BY_GROUP_AND_KIND.get(`${group}/${kind}`);
}

/** The entry of an object's kind, from its apiVersion and kind as written. */
export function entryOfObject(object: KubeObject): KindEntry | undefined {
  return kindEntry(apiGroupOf(typeof object.apiVersion === 'string' ? object.apiVersion : ''), String(object.kind ?? ''));
}

/**
 * The API group of a Flux source named by kind alone (`sourceRef`, `chartRef` name no group): the registry's Flux
 * source of that kind; undefined for a kind it does not know as one.
 */
export function fluxSourceGroup(kind: string): string | undefined {
  return KINDS.find((entry) => entry.fluxSource && entry.kind === kind)?.group;
}

/** The group an object of this kind is one object under: `extensions` Ingresses are `networking.k8s.io` ones. */
export function canonicalGroup(group: string, kind: string): string {
  const entry = kindEntry(group, kind);
  return entry?.servedAlsoUnder?.includes(group) ? entry.group : group;
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

/** Whether a kind is cluster-scoped; undefined when nothing says (a custom kind without its CRD, unknown to the registry). */
export type ScopeResolver = (group: string, kind: string) => boolean | undefined;

/**
 * `isClusterScoped(group, kind)`: a resource's namespace is part of its identity, so this must be right before keys
 * are computed. Custom resources declare their scope in their CustomResourceDefinition, read from the same objects;
 * the registry knows the built-in kinds and the custom resources we document.
 */
export function scopeResolver(objects: Iterable<KubeObject>): ScopeResolver {
  const fromDefinitions = new Map<string, boolean>();
  for (const object of objects) {
    const defined = entryOfObject(object)?.definesKind?.(object);
    if (defined) fromDefinitions.set(`${defined.group}/${defined.kind}`, defined.clusterScoped);
  }
  return (group, kind) => {
    const defined = fromDefinitions.get(`${group}/${kind}`);
    if (defined !== undefined) return defined;
    const entry = kindEntry(group, kind);
    if (entry) return entry.clusterScoped === true;
    // Kubernetes' own groups are all in the registry: an unknown kind there is namespaced (the API server says so).
    return group === '' || !group.includes('.') || group.endsWith('.k8s.io') ? false : undefined;
  };
}

/** The fields of an object the registry marks as secret (by kind name, whatever the API group). */
export function secretFields(object: Record<string, unknown>): (readonly string[])[] {
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

