// What the cluster holds that nobody wrote in Git on purpose: objects Kubernetes, Flux, Helm, k3s and the operators
// make themselves. Each rule says what it matches and why that is not a difference; the first rule that matches an
// object of the cluster absent from Git sets it aside, and the report counts what each rule set aside. The rules are
// listed, with their reasons, on the contributing page (src/components/infra/DriftIgnoreRules.astro reads this table).
import { builtInObject, kindEntry } from '../kinds/registry.ts';
import type { Markers, ObjectIdentity } from './facts.ts';

/** What the rules know beyond the object itself, gathered from Git and from the whole snapshot. */
export interface IgnoreContext {
  /** Helm releases declared in Git or in the cluster (HelmRelease, k3s HelmChart, Argo CD Application), `namespace/name`. */
  knownReleases: ReadonlySet<string>;
  /** Where those releases are stored (the `sh.helm.release.v1.*` Secrets), `namespace/name`. */
  knownReleaseStorage: ReadonlySet<string>;
  /** Namespaces a release creates for itself (`install.createNamespace`). */
  releaseNamespaces: ReadonlySet<string>;
  /** Source HelmCharts Flux's helm-controller makes for its HelmReleases, `namespace/name`. */
  fluxHelmCharts: ReadonlySet<string>;
  /** Secrets the manifests use or produce without writing them (SealedSecret output, deploy key…), `namespace/name`. */
  referencedSecrets: ReadonlySet<string>;
  /** Argo CD Applications that install a Helm chart (their objects are never rendered from Git). */
  argoChartApplications: ReadonlySet<string>;
}

export interface IgnoredObject {
  id: ObjectIdentity;
  markers: Markers;
}

export interface IgnoreRule {
  /** Stable id, used in `--json` and on the site. */
  id: string;
  /** French, what the rule sets aside: « objets possédés par un autre objet ». */
  title: string;
  /** French, why these objects are not differences. */
  reason: string;
  matches(object: IgnoredObject, context: IgnoreContext): boolean;
}

const at = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;
const is = (id: ObjectIdentity, group: string, kind: string): boolean => id.group === group && id.kind === kind;

/** What the kind registry says of the object's kind. */
const entryOf = (id: ObjectIdentity) => kindEntry(id.group, id.kind);

/** An object Kubernetes itself provides: the registry's built-ins (starting namespaces, `system:` roles…). */
const kubernetesBuiltIn = (id: ObjectIdentity): boolean => builtInObject(id.group, id.kind, id.namespace, id.name)?.provider === 'Kubernetes';

export const IGNORE_RULES: readonly IgnoreRule[] = [
  {
    id: 'proprietaire',
    title: 'objets possédés par un autre objet',
    reason:
      'Un contrôleur les a créés pour l’objet qui les possède (metadata.ownerReferences) et les supprime avec lui : ReplicaSet et Pods d’un Deployment, Job d’un CronJob, Secret d’un SealedSecret, Pods, Services et Secrets d’un Cluster CloudNativePG, Certificate d’un Ingress…',
    matches: (o) => o.markers.owners.length > 0,
  },
  {
    id: 'execution',
    title: 'traces de l’exécution',
    reason: 'Endpoints, EndpointSlices, Events, Leases et ControllerRevisions décrivent ce qui se passe à l’instant : Kubernetes les écrit, personne ne les déclare.',
    matches: (o) => entryOf(o.id)?.runtime === true,
  },
  {
    id: 'compte-de-service-par-defaut',
    title: 'comptes de service « default »',
    reason: 'Kubernetes crée un ServiceAccount « default » dans chaque espace de noms.',
    matches: (o) => is(o.id, '', 'ServiceAccount') && o.id.name === 'default',
  },
  {
    id: 'certificat-racine',
    title: 'ConfigMaps « kube-root-ca.crt »',
    reason: 'Kubernetes publie le certificat de son autorité dans chaque espace de noms, sous ce nom.',
    matches: (o) => is(o.id, '', 'ConfigMap') && o.id.name === 'kube-root-ca.crt',
  },
  {
    id: 'kubernetes',
    title: 'objets de Kubernetes lui-même',
    reason:
      'Espaces de noms de départ (default, kube-system, kube-public, kube-node-lease), Service « kubernetes », rôles « system:* » et règles par défaut, jetons de comptes de service, nœuds et enregistrements d’API : ils viennent avec le cluster.',
    matches: (o) => o.markers.kubernetesDefault || o.markers.serviceAccountToken || entryOf(o.id)?.clusterInternal === true || kubernetesBuiltIn(o.id),
  },
  {
    id: 'volume-provisionne',
    title: 'volumes provisionnés',
    reason: 'Un PersistentVolume créé par un provisionneur (annotation pv.kubernetes.io/provisioned-by) répond à une PersistentVolumeClaim, qui, elle, est comparée.',
    matches: (o) => o.markers.dynamicallyProvisioned,
  },
  {
    id: 'stockage-helm',
    title: 'historique des releases Helm',
    reason: 'Helm garde chaque version d’une release dans un Secret « sh.helm.release.v1.<release>.v<n> » ; la release elle-même est déclarée dans Git (HelmRelease, HelmChart).',
    matches: (o, c) => o.markers.helmStorage !== undefined && c.knownReleaseStorage.has(at(o.markers.helmStorage.namespace, o.markers.helmStorage.name)),
  },
  {
    id: 'rendu-par-helm',
    title: 'objets installés par un chart Helm déclaré',
    reason:
      'Un chart n’est pas rendu depuis Git : ses objets portent le nom de leur release (annotations meta.helm.sh/*, étiquettes helm.toolkit.fluxcd.io/*), et c’est la release, déclarée dans Git, qui est comparée (version du chart).',
    matches: (o, c) => o.markers.helmRelease !== undefined && c.knownReleases.has(at(o.markers.helmRelease.namespace, o.markers.helmRelease.name)),
  },
  {
    id: 'crochet-helm',
    title: 'crochets Helm',
    reason: 'Jobs et Pods lancés par Helm à l’installation ou à la mise à jour d’un chart (annotation helm.sh/hook).',
    matches: (o) => o.markers.helmHook,
  },
  {
    id: 'flux',
    title: 'Flux lui-même',
    reason: 'Les contrôleurs de Flux, leurs CRD et leur espace de noms sont installés par « flux bootstrap » (étiquette app.kubernetes.io/part-of=flux).',
    matches: (o) => o.markers.fluxComponent,
  },
  {
    id: 'flux-helmchart',
    title: 'charts sources créés par Flux',
    reason: 'Pour chaque HelmRelease, le helm-controller de Flux crée un HelmChart « <espace de noms>-<nom> » à côté de sa source.',
    matches: (o, c) => is(o.id, 'source.toolkit.fluxcd.io', 'HelmChart') && c.fluxHelmCharts.has(at(o.id.namespace, o.id.name)),
  },
  {
    id: 'k3s',
    title: 'composants de k3s',
    reason: 'k3s applique ses propres manifestes (CoreDNS, stockage local, metrics-server, chart Traefik) et crée l’équilibreur de charge de ses Services (étiquettes objectset.rio.cattle.io/*, svccontroller.k3s.cattle.io/*).',
    matches: (o) => o.markers.k3s,
  },
  {
    id: 'cert-manager',
    title: 'certificats écrits par cert-manager',
    reason: 'cert-manager écrit chaque certificat obtenu dans un Secret (annotation cert-manager.io/certificate-name) ; la demande, elle, est dans Git (Ingress, Certificate).',
    matches: (o) => o.markers.certManagerCertificate !== undefined,
  },
  {
    id: 'cle-sealed-secrets',
    title: 'clés de sealed-secrets',
    reason: 'Le contrôleur sealed-secrets crée sa paire de clés au démarrage ; elle ne doit jamais être dans Git.',
    matches: (o) => o.markers.sealedSecretsKey,
  },
  {
    id: 'secret-reference',
    title: 'Secrets utilisés par les manifestes sans y être écrits',
    reason:
      'Rien de secret n’est dans Git : les manifestes nomment ces Secrets (clé de déploiement de Flux, compte ACME, identifiants produits par un opérateur) sans les contenir.',
    matches: (o, c) => is(o.id, '', 'Secret') && c.referencedSecrets.has(at(o.id.namespace, o.id.name)),
  },
  {
    id: 'espace-de-noms-de-release',
    title: 'espaces de noms créés pour une release',
    reason: 'Une release déclarée avec install.createNamespace crée son espace de noms à l’installation.',
    matches: (o, c) => is(o.id, '', 'Namespace') && c.releaseNamespaces.has(o.id.name),
  },
  {
    id: 'argo-chart',
    title: 'objets d’un chart installé par Argo CD',
    reason: 'Argo CD rend lui-même les charts de ses Applications ; c’est l’Application, déclarée dans Git, qui est comparée.',
    matches: (o, c) => o.markers.argoApplication !== undefined && c.argoChartApplications.has(o.markers.argoApplication),
  },
];

/** The first rule that sets this object aside, if any. */
export function ignoreRuleFor(object: IgnoredObject, context: IgnoreContext): IgnoreRule | undefined {
  return IGNORE_RULES.find((rule) => rule.matches(object, context));
}
