// The shape of a kind registry entry (registry.ts) and of the relation builders entries name. Types only: parsers and
// relation builders import them without importing the registry, which imports them.
import type { Environment, FieldPath, Finding, KubeObject, Relation, Resource, SourceLocation } from '../model.ts';
import type { Autoscaling } from './autoscalers.ts';
import type { CertificateFacts } from './certificates.ts';
import type { ChartInstall, InstalledRelease } from './charts.ts';
import type { CustomResourceDefinitionFacts } from './crds.ts';
import type { GeneratedArtifact } from './artifacts.ts';
import type { FolderDeploy } from './flux.ts';
import type { RouteParser } from './routes.ts';
import type { Schedule } from './schedules.ts';
import type { ProducedSecret, SecretReference } from './secret-references.ts';
import type { StorageRequest } from './storage.ts';
import type { LocatedValues } from './helm-charts/values.ts';
import type { Pods, WorkloadShape } from './workloads.ts';

/** Visual families of diagram nodes: one style each. */
export type NodeClass = 'workload' | 'service' | 'ingress' | 'data' | 'secret' | 'config' | 'gitops' | 'policy' | 'external' | 'other';
export type NodeShape = 'rect' | 'round' | 'cylinder' | 'stadium' | 'hexagon' | 'circle';

/** An object of a kind that exists without being written in the manifests. */
export interface BuiltIn {
  /** Its name; a name ending in `*` stands for every name with that prefix (`system:*`). */
  name: string;
  /** `*`: one in every namespace; a namespace name: that one only; absent: cluster-scoped. */
  namespace?: string;
  /** Who makes it (French, shown to readers): « Kubernetes », « k3s », « flux bootstrap ». */
  provider: string;
}

export interface RelationResult {
  relations: Relation[];
  /** Dangling references and similar findings discovered while resolving edges. */
  findings: Finding[];
}

export interface RelationContext {
  /** Flux Kustomization key → keys of the resources its spec.path renders to (computed by the loader). */
  deployedBy?: Map<string, string[]>;
  /** Where the repository writes a Secret of that name outside what its GitOps tool applies (a bootstrap folder). */
  secretOutside?: (namespace: string | undefined, name: string) => SourceLocation | undefined;
  /** The built-in object of that identity, if the cluster (or its bootstrap) provides one. */
  builtIn(group: string, kind: string, namespace: string | undefined, name: string): BuiltIn | undefined;
}

/** The edges one resource brings into its environment (and the findings met while resolving them). */
export type RelationBuilder = (env: Environment, resource: Resource, entry: KindEntry, context: RelationContext) => RelationResult;

/** What a kind's objects are in the story the data diagram tells. */
export type DataRole =
  /** A volume the cluster stores data on. */
  | 'volume'
  /** A database, with its own volumes. */
  | 'database'
  /** A plan that backs data up on a schedule. */
  | 'backup-plan'
  /** Where backups leave the cluster for. */
  | 'backup-store';

/** Everything about one kind, KubeDiagrams-style: one entry per API group and kind. */
export interface KindEntry {
  /** API group, '' for the core group. */
  group: string;
  /**
   * Groups serving the very same objects (an `extensions` Ingress is the `networking.k8s.io` one): read the same way,
   * and one object when Git is compared with the cluster.
   */
  servedAlsoUnder?: readonly string[];
  /** Groups a distinct, earlier definition of the kind was served under (Traefik's traefik.containo.us): read the same way. */
  formerGroups?: readonly string[];
  kind: string;
  /** French, singular; the kind's own name when it has no usual French one. */
  label: string;
  nodeClass: NodeClass;
  /** Drawn as a rectangle unless said otherwise. */
  shape?: NodeShape;
  /** Has no namespace (custom resources also say so in their CustomResourceDefinition). */
  clusterScoped?: true;
  /** Objects of this kind the cluster provides without anyone writing them. */
  builtIns?: readonly BuiltIn[];

  // What its objects are ---------------------------------------------------------------------------------------------
  /** A workload: where its pod template is, how many pods it runs and for how long (read by workloads.ts). */
  workload?: WorkloadShape;
  /** Its operator starts pods in its namespace (a k8up Schedule's backup jobs): those pods need network policies too. */
  runsPods?: true;
  /** Part of the cluster itself (nodes, API registration, volume plumbing): nobody writes them. */
  clusterInternal?: true;
  /** A record of what happens at run time (Events, Endpoints, Leases): nobody writes them, they are always there. */
  runtime?: true;
  /** Found in a cluster but in no manifest, most likely made by hand for an intervention (kubectl run, create job). */
  handMade?: true;
  /** `spec.suspend` pauses it (a CronJob, `flux suspend`). */
  suspendable?: true;
  /** A source Flux fetches from (`sourceRef`, `chartRef` name it by kind alone). */
  fluxSource?: true;
  /** Supports an application rather than being one (configuration, access, policies): a namespace diagram gathers them. */
  supporting?: true;
  /** Its role in the data diagram. */
  data?: DataRole;
  /**
   * Another engine's network policy (Cilium, Calico, AdminNetworkPolicy), whose default-deny semantics differ from
   * Kubernetes' own: `namespace` covers its namespace, `cluster` every namespace.
   */
  networkPolicy?: 'namespace' | 'cluster';
  /**
   * What the export command for `npm run drift` does with it: `always` exports it even when Git has none (people
   * create these by hand), `never` leaves it out (secret values, or what a rule sets aside anyway).
   */
  export?: 'always' | 'never';

  // Its parsers ------------------------------------------------------------------------------------------------------
  /** The parser of a route kind: hosts, paths, Services, TLS. */
  route?: RouteParser;
  /** The parser of a kind that runs pods without being a workload (its operator makes them): containers, replicas. */
  pods?: (object: KubeObject) => Pods | undefined;
  /** The parser of a kind that runs on a schedule. */
  schedules?: (object: KubeObject) => Schedule[];
  /** The parser of a kind that installs (or configures) Helm charts: which, in which version, from where, with which values. */
  charts?: (object: KubeObject) => ChartInstall[];
  /**
   * The values its chart is given, merged as its installer merges them (Flux: `valuesFrom` then `values`), each located:
   * the chart readers (helm-charts/) deduce from them the objects the release makes.
   */
  chartValues?: (env: Environment, resource: Resource) => LocatedValues;
  /** The Helm release an object of this kind installs in the cluster, and where Helm keeps it. */
  release?: (object: KubeObject) => InstalledRelease | undefined;
  /** The parser of a kind that sends backups out of the cluster: where to. */
  backupDestination?: (object: KubeObject) => string | undefined;
  /** The volumes an object asks for, with their sizes. */
  storage?: (object: KubeObject) => StorageRequest[];
  /** The workload an autoscaler sets the replicas of. */
  scaleTarget?: (object: KubeObject) => Autoscaling | undefined;
  /** The certificate a certificate request asks for: names, Secret, issuer. */
  certificate?: (object: KubeObject) => CertificateFacts;
  /** The kind a definition declares (a CustomResourceDefinition): its group, scope and names. */
  definesKind?: (object: KubeObject) => CustomResourceDefinitionFacts | undefined;
  /** The folders of a Git repository an object deploys (a Flux Kustomization, an Argo CD Application). */
  deploys?: (object: KubeObject) => FolderDeploy[];
  /** The ExternalArtifacts an object assembles from other sources (a Flux ArtifactGenerator), with their copy rules. */
  artifacts?: (object: KubeObject) => GeneratedArtifact[];
  /**
   * The fields that say what a deployer builds (its path, patches, images…): they differ between environments by
   * construction, and the comparison of two environments traces their effects on the objects built instead.
   */
  buildFields?: readonly FieldPath[];
  /**
   * The Secrets and ConfigMaps a custom resource's operator reads; `namespace` is where unqualified names are looked
   * up (the resource's own, or where its operator keeps them).
   */
  secretReferences?: (object: KubeObject, namespace: string | undefined) => SecretReference[];
  /** The Secrets an object makes exist in the cluster without them being written (a SealedSecret, a database). */
  producesSecrets?: (resource: Resource, env: Environment) => ProducedSecret[];
  /** Fields (paths from the object's root) whose values are secret: the site shows their keys, never their values. */
  secretValues?: readonly (readonly string[])[];
  /** The relation builders run for every resource of this kind. */
  relations?: readonly RelationBuilder[];
}
