// The shape of a kind registry entry (registry.ts) and of the relation builders entries name. Types only: parsers and
// relation builders import them without importing the registry, which imports them.
import type { Environment, Finding, HelmComponent, KubeObject, Relation, Resource } from '../model.ts';
import type { RouteParser } from './routes.ts';
import type { Schedule } from './schedules.ts';
import type { Pods } from './workloads.ts';

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
  /** The built-in object of that identity, if the cluster (or its bootstrap) provides one. */
  builtIn(group: string, kind: string, namespace: string | undefined, name: string): BuiltIn | undefined;
}

/** The edges one resource brings into its environment (and the findings met while resolving them). */
export type RelationBuilder = (env: Environment, resource: Resource, entry: KindEntry, context: RelationContext) => RelationResult;

/** Everything about one kind, KubeDiagrams-style: one entry per API group and kind. */
export interface KindEntry {
  /** API group, '' for the core group. */
  group: string;
  /** Groups the same kind was served under before (Traefik's traefik.containo.us): read the same way. */
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
  /** The parser of a route kind: hosts, paths, Services, TLS. */
  route?: RouteParser;
  /** The parser of a kind that runs pods: containers, images, replicas. */
  pods?: (object: KubeObject) => Pods | undefined;
  /** The parser of a kind that runs on a schedule. */
  schedules?: (object: KubeObject) => Schedule[];
  /** The parser of a kind that installs Helm charts: which, in which version, from where, with which values. */
  charts?: (env: Environment, resource: Resource) => HelmComponent[];
  /** The parser of a kind that sends backups out of the cluster: where to. */
  backupDestination?: (object: KubeObject) => string | undefined;
  /** Fields (paths from the object's root) whose values are secret: the site shows their keys, never their values. */
  secretValues?: readonly (readonly string[])[];
  /** The relation builders run for every resource of this kind. */
  relations?: readonly RelationBuilder[];
}
