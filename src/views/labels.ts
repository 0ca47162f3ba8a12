// French words for Kubernetes kinds and relation types, and the visual family of each kind in diagrams.
import type { RelationType } from '../infra/model.ts';

/** Singular French label of a kind; kinds without a usual French name keep their English name. */
const KIND_LABELS: Record<string, string> = {
  Deployment: 'Déploiement',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  ReplicaSet: 'ReplicaSet',
  Job: 'Tâche',
  CronJob: 'Tâche planifiée',
  Pod: 'Pod',
  Service: 'Service',
  Ingress: 'Ingress',
  IngressRoute: 'Route Traefik',
  Middleware: 'Middleware Traefik',
  HTTPRoute: 'Route HTTP',
  Gateway: 'Passerelle',
  ConfigMap: 'ConfigMap',
  Secret: 'Secret',
  SealedSecret: 'Secret scellé',
  PersistentVolumeClaim: 'Volume (PVC)',
  PersistentVolume: 'Volume persistant',
  StorageClass: 'Classe de stockage',
  Namespace: 'Espace de noms',
  ServiceAccount: 'Compte de service',
  Role: 'Rôle',
  ClusterRole: 'Rôle de cluster',
  RoleBinding: 'Attribution de rôle',
  ClusterRoleBinding: 'Attribution de rôle de cluster',
  NetworkPolicy: 'Règle réseau',
  PodDisruptionBudget: 'Budget d’interruption',
  HorizontalPodAutoscaler: 'Mise à l’échelle auto.',
  Certificate: 'Certificat',
  ClusterIssuer: 'Émetteur de cluster',
  Issuer: 'Émetteur',
  Kustomization: 'Kustomization Flux',
  GitRepository: 'Dépôt Git',
  HelmRepository: 'Dépôt Helm',
  OCIRepository: 'Dépôt OCI',
  HelmRelease: 'Release Helm',
  HelmChart: 'Chart Helm',
  HelmChartConfig: 'Configuration de chart',
  Cluster: 'Cluster PostgreSQL',
  ScheduledBackup: 'Sauvegarde planifiée',
  Backup: 'Sauvegarde',
  ObjectStore: 'Stockage objet',
  Schedule: 'Planning de sauvegarde',
  PodMonitor: 'PodMonitor',
  ServiceMonitor: 'ServiceMonitor',
  PrometheusRule: 'Règles d’alerte',
  Application: 'Application Argo CD',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** How a relation reads from its source (« route vers ») and from its target (« reçoit les routes de »). */
export const RELATION_LABELS: Record<RelationType, { outgoing: string; incoming: string }> = {
  'routes-to': { outgoing: 'route vers', incoming: 'reçoit le trafic de' },
  selects: { outgoing: 'sélectionne', incoming: 'sélectionné par' },
  'uses-configmap': { outgoing: 'utilise la configuration', incoming: 'configuration utilisée par' },
  'uses-secret': { outgoing: 'utilise le secret', incoming: 'secret utilisé par' },
  'uses-pvc': { outgoing: 'monte le volume', incoming: 'volume monté par' },
  'uses-service-account': { outgoing: 's’exécute avec', incoming: 'identité de' },
  'produces-secret': { outgoing: 'produit le secret', incoming: 'produit par' },
  'uses-storage-class': { outgoing: 'stocké avec la classe', incoming: 'classe de stockage de' },
  scales: { outgoing: 'met à l’échelle', incoming: 'mis à l’échelle par' },
  protects: { outgoing: 'protège', incoming: 'protégé par' },
  'applies-to': { outgoing: 's’applique à', incoming: 'soumis à la règle' },
  'allows-from': { outgoing: 'autorise l’entrée depuis', incoming: 'autorisé à entrer par' },
  'allows-to': { outgoing: 'autorise la sortie vers', incoming: 'autorisé en sortie par' },
  'stores-certificate': { outgoing: 'range le certificat dans', incoming: 'contient le certificat de' },
  'issued-by': { outgoing: 'certificat émis par', incoming: 'émet les certificats de' },
  binds: { outgoing: 'accorde le rôle', incoming: 'rôle accordé par' },
  'binds-subject': { outgoing: 'accorde des droits à', incoming: 'reçoit des droits de' },
  deploys: { outgoing: 'déploie', incoming: 'déployé par' },
  'depends-on': { outgoing: 'attend', incoming: 'attendu par' },
  source: { outgoing: 'source', incoming: 'source de' },
  'backs-up': { outgoing: 'sauvegarde', incoming: 'sauvegardé par' },
  'uses-database': { outgoing: 'utilise la base', incoming: 'base utilisée par' },
};

export function relationLabel(type: RelationType, direction: 'outgoing' | 'incoming'): string {
  return RELATION_LABELS[type]?.[direction] ?? type;
}

const EDGE_WORDS: Partial<Record<string, string>> = {
  'routes-to': 'route',
  selects: 'sélectionne',
  'uses-configmap': 'config',
  'uses-secret': 'secret',
  'uses-pvc': 'volume',
  'uses-service-account': 'identité',
  'produces-secret': 'produit',
  'uses-storage-class': 'classe',
  scales: 'échelle',
  protects: 'protège',
  'applies-to': 'règle',
  'allows-from': 'autorise depuis',
  'allows-to': 'autorise vers',
  'stores-certificate': 'certificat',
  'issued-by': 'émis par',
  binds: 'rôle',
  'binds-subject': 'droits',
  deploys: 'déploie',
  'depends-on': 'attend',
  source: 'source',
  'backs-up': 'sauvegarde',
  'uses-database': 'base',
};

/** One short word per relation type on diagram edges; the resource pages give the full reason. */
export function relationEdgeLabel(type: string): string {
  return EDGE_WORDS[type] ?? type;
}

/** Visual families: one mermaid classDef each. */
export type NodeClass = 'workload' | 'service' | 'ingress' | 'data' | 'secret' | 'config' | 'gitops' | 'policy' | 'external' | 'other';

const CLASS_OF_KIND: Record<string, NodeClass> = {
  Deployment: 'workload',
  StatefulSet: 'workload',
  DaemonSet: 'workload',
  ReplicaSet: 'workload',
  Job: 'workload',
  CronJob: 'workload',
  Pod: 'workload',
  Service: 'service',
  Ingress: 'ingress',
  IngressRoute: 'ingress',
  HTTPRoute: 'ingress',
  Gateway: 'ingress',
  Middleware: 'ingress',
  PersistentVolumeClaim: 'data',
  PersistentVolume: 'data',
  StorageClass: 'data',
  Cluster: 'data',
  ScheduledBackup: 'data',
  Backup: 'data',
  ObjectStore: 'data',
  Schedule: 'data',
  Secret: 'secret',
  SealedSecret: 'secret',
  Certificate: 'secret',
  ClusterIssuer: 'secret',
  Issuer: 'secret',
  ConfigMap: 'config',
  Kustomization: 'gitops',
  GitRepository: 'gitops',
  HelmRepository: 'gitops',
  OCIRepository: 'gitops',
  HelmRelease: 'gitops',
  HelmChart: 'gitops',
  HelmChartConfig: 'gitops',
  Application: 'gitops',
  NetworkPolicy: 'policy',
  PodDisruptionBudget: 'policy',
  HorizontalPodAutoscaler: 'policy',
  ServiceAccount: 'policy',
  Role: 'policy',
  ClusterRole: 'policy',
  RoleBinding: 'policy',
  ClusterRoleBinding: 'policy',
};

export function nodeClassOf(kind: string): NodeClass {
  return CLASS_OF_KIND[kind] ?? 'other';
}

