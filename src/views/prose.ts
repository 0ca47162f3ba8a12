// What the hand-written architecture pages quote from the manifests: a count, an image tag, a chart version, the Flux
// chain in order, the public hosts, a summary of what differs between environments, the certificate issuers, the
// security context of each workload, the sealed secrets and the alerts. Pure functions Model → plain data, so that
// no name, number, version or host is ever typed by hand in prose.
import { resourceKey, type Model, type Resource } from '../infra/model.ts';
import { stringify } from 'yaml';
import { parseImage } from '../infra/images.ts';
import { EXEMPTION_ANNOTATIONS } from '../infra/policy/types.ts';
import { containersOf, isWorkload, podTemplateOf } from '../infra/workloads.ts';
import { compareEnvironments } from './compare.ts';
import { asRecord, asRecords, asString, specOf } from '../infra/fields.ts';
import { compareText, envContext, into, out, uniqueSorted } from './context.ts';
import { fluxOrder } from './diagrams.ts';
import { endpointsOf } from './endpoints.ts';
import { kindLabel, plural } from './labels.ts';
import { namespacePath, parseResourceKey } from './paths.ts';
import { DEFAULT_ENV, resolveKind, resolveRef, type RefFailure } from './refs.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from './tables.ts';

/** Prose components fail the build with the resolver's French message rather than print a wrong value. */
export class ProseError extends Error {
  constructor(element: string, message: string) {
    super(`${element} : ${message}`);
    this.name = 'ProseError';
  }
}

function resolved(element: string, model: Model, query: { kinds: readonly string[]; namespace?: string; name: string; env?: string }): Resource {
  const attempts = query.kinds.map((kind) => resolveRef(model, { kind, namespace: query.namespace, name: query.name, env: query.env }));
  const found = attempts.find((a) => a.ok);
  if (found?.ok) return found.resource;
  // The attempt that got furthest (a wrong name rather than a kind absent from the environment) explains best.
  const rank = { env: 0, kind: 1, namespace: 2, name: 3 } as const;
  const best = (attempts as RefFailure[]).sort((a, b) => rank[b.field] - rank[a.field])[0];
  throw new ProseError(element, best.message);
}

// ---------------------------------------------------------------------------------------------------------------

/** How many resources of a kind an environment (or one of its namespaces) has. */
export function countOf(model: Model, query: { kind: string; namespace?: string; env?: string }): number {
  const result = resolveKind(model, query);
  if (!result.ok) throw new ProseError(`<Count kind="${query.kind}" />`, result.message);
  return result.resources.length;
}

/** `8 applications` when `one`/`other` are given, else the bare number. */
export function countText(count: number, one?: string, other?: string): string {
  if (!one) return String(count);
  return plural(count, one, other ?? `${one}s`);
}

// ---------------------------------------------------------------------------------------------------------------

/** Kinds whose pods run an image; a CNPG Cluster runs its PostgreSQL image. */
export const IMAGE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Cluster'] as const;

export interface ImageVersion {
  /** The tag (`1.4.0`), or the digest when the image has no tag. */
  version: string;
  image: string;
  container: string;
  resource: ResourceLink;
}

/** The version of the image a workload runs (its first container unless `container` says which). */
export function imageVersion(model: Model, query: { namespace?: string; name: string; container?: string; env?: string }): ImageVersion {
  const element = `<ImageVersion namespace="${query.namespace ?? ''}" name="${query.name}" />`;
  const resource = resolved(element, model, { ...query, kinds: IMAGE_KINDS });
  const slots: { container: string; image: string }[] = isWorkload(resource)
    ? containersOf(podTemplateOf(resource.object)!.spec).map((c) => ({ container: c.name, image: c.image ?? '' }))
    : [{ container: 'postgres', image: asString(specOf(resource).imageName) ?? '' }];
  const slot = query.container ? slots.find((s) => s.container === query.container) : slots[0];
  if (!slot || !slot.image) {
    const names = slots.map((s) => s.container).join(', ') || 'aucun';
    throw new ProseError(element, query.container ? `aucun conteneur « ${query.container} » (conteneurs : ${names})` : 'aucune image déclarée');
  }
  const ref = parseImage(slot.image);
  const ctx = envContext(model, resource.id.env);
  return { version: ref.tag ?? ref.digest ?? slot.image, image: slot.image, container: slot.container, resource: resourceLink(ctx, resource.key) };
}

// ---------------------------------------------------------------------------------------------------------------

/** Resources that install a Helm chart: a Flux HelmRelease, or k3s' HelmChart / HelmChartConfig. */
export const CHART_KINDS = ['HelmRelease', 'HelmChart', 'HelmChartConfig'] as const;

export interface ChartVersion {
  chart: string;
  /** Absent when the chart comes with the cluster (k3s' Traefik). */
  version?: string;
  resource: ResourceLink;
}

export function chartVersion(model: Model, query: { namespace?: string; name: string; env?: string }): ChartVersion {
  const element = `<ChartVersion namespace="${query.namespace ?? ''}" name="${query.name}" />`;
  const resource = resolved(element, model, { ...query, kinds: CHART_KINDS });
  const component = model.components.find((c) => c.resource === resource.key);
  if (!component) throw new ProseError(element, `${resource.id.kind} ${resource.id.name} n’installe aucun chart connu`);
  return {
    chart: component.chart,
    ...(component.version ? { version: component.version } : {}),
    resource: resourceLink(envContext(model, resource.id.env), resource.key),
  };
}

// ---------------------------------------------------------------------------------------------------------------

export interface FluxStep {
  resource: ResourceLink;
  name: string;
  /** 1 for what applies first; steps sharing a wave are applied in parallel. */
  wave: number;
  /** The folder of the repository it applies (`./manifests/apps/production`). */
  path?: string;
  pathUrl?: string;
  dependsOn: ResourceLink[];
  /** The Kustomization whose folder declares this one: it cannot start before its parent applied it. */
  declaredBy?: ResourceLink;
  /** Waits for what it applied to be healthy before its dependants start. */
  waits: boolean;
  kustomizations: ResourceLink[];
  releases: { resource: ResourceLink; chart?: string; version?: string }[];
  /** Other resources it applies, per namespace (`_cluster` for cluster-scoped ones). */
  namespaces: { namespace: string; count: number; href: string }[];
  source: SourceLink;
}

/**
 * The Flux Kustomizations of an environment in the order they apply (`fluxOrder`: `dependsOn`, dependencies first),
 * each with its wave — a Kustomization waits for its `dependsOn` and for the Kustomization that declares it.
 */
export function fluxSteps(model: Model, envName = DEFAULT_ENV): FluxStep[] {
  const ctx = envContext(model, envName);
  const order = fluxOrder(model, envName);
  const keys = new Set(order.map((r) => r.key));
  // A Kustomization is declared by the one that deploys the folder holding it (the root one by `flux bootstrap`).
  const declarer = new Map<string, string>();
  for (const ks of order) {
    const parent = into(ctx, ks.key, 'deploys').find((r) => keys.has(r.from) && r.from !== ks.key);
    if (parent) declarer.set(ks.key, parent.from);
  }
  const wave = new Map<string, number>();
  const waveOf = (key: string, seen: Set<string>): number => {
    const known = wave.get(key);
    if (known !== undefined) return known;
    if (seen.has(key)) return 1;
    seen.add(key);
    const before = [...out(ctx, key, 'depends-on').map((r) => r.to), ...(declarer.has(key) ? [declarer.get(key)!] : [])].filter((k) => keys.has(k) && k !== key);
    const value = Math.max(0, ...before.map((k) => waveOf(k, seen))) + 1;
    wave.set(key, value);
    return value;
  };
  const steps = order.map((ks, index) => {
    const spec = specOf(ks);
    const deployed = out(ctx, ks.key, 'deploys').map((r) => parseResourceKey(r.to));
    const perNamespace = new Map<string, number>();
    for (const id of deployed) {
      if (id.kind === 'Kustomization' || id.kind === 'HelmRelease') continue;
      const ns = id.namespace ?? '_cluster';
      perNamespace.set(ns, (perNamespace.get(ns) ?? 0) + 1);
    }
    const parent = declarer.get(ks.key);
    const children = [...declarer].filter(([, p]) => p === ks.key).map(([child]) => child);
    const path = asString(spec.path);
    const step: FluxStep = {
      resource: resourceLink(ctx, ks.key),
      name: ks.id.name,
      wave: waveOf(ks.key, new Set()),
      ...(path ? { path, pathUrl: sourceLink({ path: path.replace(/^\.\//, ''), line: 0 }).url.replace(/#L0$/, '') } : {}),
      dependsOn: out(ctx, ks.key, 'depends-on').map((r) => resourceLink(ctx, r.to)),
      ...(parent ? { declaredBy: resourceLink(ctx, parent) } : {}),
      waits: spec.wait === true,
      kustomizations: uniqueSorted([...children, ...deployed.filter((id) => id.kind === 'Kustomization').map((id) => resourceKey(id))]).map((k) => resourceLink(ctx, k)),
      releases: deployed
        .filter((id) => id.kind === 'HelmRelease')
        .map((id) => {
          const key = resourceKey(id);
          const component = model.components.find((c) => c.resource === key);
          return { resource: resourceLink(ctx, key), ...(component ? { chart: component.chart } : {}), ...(component?.version ? { version: component.version } : {}) };
        }),
      namespaces: [...perNamespace]
        .sort(([a], [b]) => compareText(a, b))
        .map(([namespace, count]) => ({ namespace, count, href: namespacePath(envName, namespace === '_cluster' ? undefined : namespace) })),
      source: sourceLink(ks.source),
    };
    return { step, index };
  });
  return steps.sort((a, b) => a.step.wave - b.step.wave || a.index - b.index).map((s) => s.step);
}

// ---------------------------------------------------------------------------------------------------------------

export interface PublicHost {
  host: string;
  /** `https://host/` (or http when the route has no TLS). */
  url: string;
  tls: boolean;
  /** What answers: the workloads behind the host's Services. */
  workloads: ResourceLink[];
  route: ResourceLink;
}

/** Every public host of an environment, once each, with what answers behind it. */
export function publicHostList(model: Model, envName = DEFAULT_ENV): PublicHost[] {
  const ctx = envContext(model, envName);
  const byHost = new Map<string, PublicHost>();
  for (const e of endpointsOf(ctx.env)) {
    if (e.host === '*') continue;
    const entry = byHost.get(e.host) ?? { host: e.host, url: `${e.tls ? 'https' : 'http'}://${e.host}/`, tls: e.tls, workloads: [], route: resourceLink(ctx, e.route) };
    const workloads = e.service ? out(ctx, e.service, 'selects').map((r) => r.to) : [];
    const known = new Set(entry.workloads.map((w) => w.key));
    for (const w of workloads) if (!known.has(w)) entry.workloads.push(resourceLink(ctx, w));
    byHost.set(e.host, entry);
  }
  return [...byHost.values()].sort((a, b) => compareText(a.host, b.host));
}

/** The public hosts that reach a workload (through a route and its Service). */
export function hostsOf(model: Model, query: { kind?: string; namespace?: string; name: string; env?: string }): PublicHost[] {
  const element = `<HostOf namespace="${query.namespace ?? ''}" name="${query.name}" />`;
  const kinds = query.kind ? [query.kind] : IMAGE_KINDS.filter((k) => k !== 'Cluster');
  const resource = resolved(element, model, { ...query, kinds });
  const hosts = publicHostList(model, resource.id.env).filter((h) => h.workloads.some((w) => w.key === resource.key));
  if (hosts.length === 0) throw new ProseError(element, `${kindLabel(resource.id.kind)} ${resource.id.name} n’est publié sur aucun nom d’hôte en ${resource.id.env}`);
  return hosts;
}

// ---------------------------------------------------------------------------------------------------------------

export interface EnvironmentDifference {
  left: string;
  right: string;
  same: number;
  images: number;
  replicas: number;
  onlyLeft: number;
  onlyRight: number;
  /** Public hosts of each side; `sharedHosts` are published on both. */
  hostsLeft: number;
  hostsRight: number;
  sharedHosts: number;
  /** French, two sentences: what is the same, then what differs. */
  sentence: string;
}

function joinFrench(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

export function environmentDifference(model: Model, left = 'staging', right = 'production'): EnvironmentDifference {
  const diff = compareEnvironments(model, left, right);
  const hosts = (env: string) => new Set(endpointsOf(model.environments.find((e) => e.name === env)!).map((e) => e.host).filter((h) => h !== '*'));
  const hostsLeft = hosts(left);
  const hostsRight = hosts(right);
  const sharedHosts = [...hostsLeft].filter((h) => hostsRight.has(h)).length;
  const counts = { images: diff.images.length, replicas: diff.replicas.length, onlyLeft: diff.onlyLeft.length, onlyRight: diff.onlyRight.length };
  const parts = [
    ...(counts.images ? [plural(counts.images, 'image', 'images')] : []),
    ...(counts.replicas ? [plural(counts.replicas, 'nombre de répliques', 'nombres de répliques')] : []),
    ...(counts.onlyLeft ? [`${plural(counts.onlyLeft, 'ressource présente', 'ressources présentes')} seulement en ${left}`] : []),
    ...(counts.onlyRight ? [`${plural(counts.onlyRight, 'ressource présente', 'ressources présentes')} seulement en ${right}`] : []),
  ];
  const hostClause =
    hostsLeft.size + hostsRight.size === 0
      ? ''
      : sharedHosts === 0
        ? `chaque environnement publie ses propres noms d’hôte (${hostsLeft.size} en ${left}, ${hostsRight.size} en ${right})`
        : sharedHosts === hostsLeft.size && sharedHosts === hostsRight.size
          ? `les deux publient les mêmes noms d’hôte`
          : `${plural(sharedHosts, 'nom d’hôte est publié', 'noms d’hôte sont publiés')} des deux côtés`;
  const same = `${plural(diff.same, 'ressource est identique', 'ressources sont identiques')} (mêmes images, mêmes répliques) en ${left} et en ${right}.`;
  const differs = parts.length === 0 ? 'Rien d’autre ne diffère' : `Ce qui diffère : ${joinFrench(parts)}`;
  const sentence = `${same} ${differs}${hostClause ? ` ; ${hostClause}` : ''}.`;
  return { left, right, same: diff.same, ...counts, hostsLeft: hostsLeft.size, hostsRight: hostsRight.size, sharedHosts, sentence };
}

// ---------------------------------------------------------------------------------------------------------------

export interface IssuerRow {
  resource: ResourceLink;
  name: string;
  kind: string;
  /** ACME directory, if it is an ACME issuer. */
  server?: string;
  /** Let’s Encrypt’s test directory: certificates browsers do not trust. */
  test: boolean;
  /** Public hosts whose certificate it issues. */
  hosts: string[];
}

const ACME_TEST = /staging/i;

export function issuerRows(model: Model, envName = DEFAULT_ENV): IssuerRow[] {
  const ctx = envContext(model, envName);
  const issuers = [...(ctx.env.byKind.get('ClusterIssuer') ?? []), ...(ctx.env.byKind.get('Issuer') ?? [])].filter((r) => r.id.group === 'cert-manager.io');
  const endpoints = endpointsOf(ctx.env);
  return issuers.map((issuer) => {
    const server = asString(asRecord(specOf(issuer).acme)?.server);
    return {
      resource: resourceLink(ctx, issuer.key),
      name: issuer.id.name,
      kind: issuer.id.kind,
      ...(server ? { server } : {}),
      test: server !== undefined && ACME_TEST.test(server),
      hosts: uniqueSorted(endpoints.filter((e) => e.issuerKey === issuer.key && e.host !== '*').map((e) => e.host)),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------

export interface SecurityRow {
  resource: ResourceLink;
  namespace?: string;
  containers: number;
  nonRoot: boolean;
  readOnlyRoot: boolean;
  noPrivilegeEscalation: boolean;
  capabilitiesDropped: boolean;
  seccomp: boolean;
  /** Exemptions declared by annotation, with the reason written in the manifest. */
  exemptions: { annotation: string; reason: string }[];
  source: SourceLink;
}

function every<T>(items: T[], test: (item: T) => boolean): boolean {
  return items.length > 0 && items.every(test);
}

/** The security context of every workload: what its containers are allowed to do, and the declared exceptions. */
export function securityRows(model: Model, envName = DEFAULT_ENV): SecurityRow[] {
  const ctx = envContext(model, envName);
  const exemptionNames = new Set<string>(Object.values(EXEMPTION_ANNOTATIONS));
  return ctx.env.resources
    .filter(isWorkload)
    .map((w) => {
      const spec = podTemplateOf(w.object)!.spec;
      const pod = spec.securityContext ?? {};
      const containers = [...containersOf(spec), ...(spec.initContainers ?? [])];
      const sc = (c: { securityContext?: Record<string, unknown> }) => c.securityContext ?? {};
      const drops = (c: { securityContext?: Record<string, unknown> }) => {
        const drop = asRecord(sc(c).capabilities)?.drop;
        return Array.isArray(drop) && drop.map(String).includes('ALL');
      };
      const podNonRoot = pod.runAsNonRoot === true;
      const podSeccomp = asString(asRecord(pod.seccompProfile)?.type);
      return {
        resource: resourceLink(ctx, w.key),
        ...(w.id.namespace ? { namespace: w.id.namespace } : {}),
        containers: containers.length,
        nonRoot: every(containers, (c) => (sc(c).runAsNonRoot ?? podNonRoot) === true),
        readOnlyRoot: every(containers, (c) => sc(c).readOnlyRootFilesystem === true),
        noPrivilegeEscalation: every(containers, (c) => sc(c).allowPrivilegeEscalation === false),
        capabilitiesDropped: every(containers, drops),
        seccomp: every(containers, (c) => (asString(asRecord(sc(c).seccompProfile)?.type) ?? podSeccomp) !== undefined),
        exemptions: Object.entries(w.annotations)
          .filter(([k]) => exemptionNames.has(k))
          .sort(([a], [b]) => compareText(a, b))
          .map(([annotation, reason]) => ({ annotation, reason: String(reason) })),
        source: sourceLink(w.source),
      };
    });
}

// ---------------------------------------------------------------------------------------------------------------

export interface SealedSecretRow {
  resource: ResourceLink;
  namespace?: string;
  /** Names of the keys it holds; never their values. */
  keys: string[];
  /** Who reads the Secret it produces. */
  usedBy: ResourceLink[];
  source: SourceLink;
}

export function sealedSecretRows(model: Model, envName = DEFAULT_ENV): SealedSecretRow[] {
  const ctx = envContext(model, envName);
  return (ctx.env.byKind.get('SealedSecret') ?? []).map((s) => {
    const produced = out(ctx, s.key, 'produces-secret').map((r) => r.to);
    const users = uniqueSorted(produced.flatMap((secret) => into(ctx, secret, 'uses-secret').map((r) => r.from)));
    return {
      resource: resourceLink(ctx, s.key),
      ...(s.id.namespace ? { namespace: s.id.namespace } : {}),
      keys: Object.keys(asRecord(specOf(s).encryptedData) ?? {}).sort(compareText),
      usedBy: users.map((u) => resourceLink(ctx, u)),
      source: sourceLink(s.source),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------

export interface AlertRow {
  alert: string;
  severity?: string;
  /** How long the condition must hold (`5m`). */
  for?: string;
  summary?: string;
  group: string;
  rule: ResourceLink;
  source: SourceLink;
}

/** Alerts declared by PrometheusRules, in the order they are written. */
export function alertRows(model: Model, envName = DEFAULT_ENV): AlertRow[] {
  const ctx = envContext(model, envName);
  return (ctx.env.byKind.get('PrometheusRule') ?? []).flatMap((rule) =>
    asRecords(specOf(rule).groups).flatMap((group) =>
      asRecords(group.rules)
        .filter((r) => asString(r.alert))
        .map((r) => ({
          alert: asString(r.alert)!,
          ...(asString(asRecord(r.labels)?.severity) ? { severity: asString(asRecord(r.labels)?.severity) } : {}),
          ...(asString(r.for) ? { for: asString(r.for) } : {}),
          ...(asString(asRecord(r.annotations)?.summary) ? { summary: asString(asRecord(r.annotations)?.summary) } : {}),
          group: asString(group.name) ?? '',
          rule: resourceLink(ctx, rule.key),
          source: sourceLink(rule.source),
        })),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// How-tos whose names come from the manifests: a recovery manifest for a database, a restore for a volume, the
// bootstrap command of a cluster.

/** The CNPG Barman Cloud plugin: the name a Cluster's `plugins` entry and a recovery's `externalClusters` use. */
const BARMAN_PLUGIN = 'barman-cloud.cloudnative-pg.io';

export interface RecoveryManifest {
  cluster: ResourceLink;
  objectStore?: ResourceLink;
  /** Name of the new Cluster the recovery creates next to the damaged one. */
  restoredName: string;
  /** The Cluster manifest to apply, YAML. */
  yaml: string;
}

/**
 * A CloudNativePG Cluster that bootstraps from the backups of an existing one (its ObjectStore, through the Barman
 * Cloud plugin): same image, storage and owner secret, a new name, so the damaged cluster stays untouched.
 */
export function databaseRecovery(model: Model, query: { namespace: string; name: string; env?: string }): RecoveryManifest {
  const element = `<DatabaseRecovery namespace="${query.namespace}" name="${query.name}" />`;
  const cluster = resolved(element, model, { ...query, kinds: ['Cluster'] });
  const spec = specOf(cluster);
  const store = asRecords(spec.plugins)
    .map((p) => asString(asRecord(p.parameters)?.barmanObjectName))
    .find((n): n is string => n !== undefined);
  if (!store) throw new ProseError(element, `le cluster ${cluster.id.name} n’archive vers aucun ObjectStore (plugin Barman Cloud) : il n’a pas de sauvegarde à restaurer`);
  const ctx = envContext(model, cluster.id.env);
  const storeKey = resourceKey({ env: cluster.id.env, group: 'barmancloud.cnpg.io', kind: 'ObjectStore', namespace: cluster.id.namespace, name: store });
  const initdb = asRecord(asRecord(spec.bootstrap)?.initdb);
  const restoredName = `${cluster.id.name}-restore`;
  const manifest = {
    apiVersion: cluster.apiVersion,
    kind: 'Cluster',
    metadata: { name: restoredName, namespace: cluster.id.namespace },
    spec: {
      instances: typeof spec.instances === 'number' ? spec.instances : 1,
      ...(spec.imageName ? { imageName: spec.imageName } : {}),
      ...(spec.storage ? { storage: spec.storage } : {}),
      bootstrap: {
        recovery: {
          source: 'origine',
          ...(initdb?.database ? { database: initdb.database } : {}),
          ...(initdb?.owner ? { owner: initdb.owner } : {}),
          ...(initdb?.secret ? { secret: initdb.secret } : {}),
        },
      },
      externalClusters: [{ name: 'origine', plugin: { name: BARMAN_PLUGIN, parameters: { barmanObjectName: store, serverName: cluster.id.name } } }],
    },
  };
  return {
    cluster: resourceLink(ctx, cluster.key),
    objectStore: resourceLink(ctx, storeKey),
    restoredName,
    yaml: stringify(manifest, { lineWidth: 0 }),
  };
}

export interface VolumeRestore {
  claim: ResourceLink;
  schedule: ResourceLink;
  yaml: string;
}

/** A k8up Restore of a backed-up volume, with the backend (bucket, credentials) of the Schedule that saves it. */
export function volumeRestore(model: Model, query: { namespace: string; name: string; env?: string }): VolumeRestore {
  const element = `<VolumeRestore namespace="${query.namespace}" name="${query.name}" />`;
  const claim = resolved(element, model, { ...query, kinds: ['PersistentVolumeClaim'] });
  const ctx = envContext(model, claim.id.env);
  const schedule = (ctx.env.byKind.get('Schedule') ?? []).find(
    (s) => s.id.group === 'k8up.io' && s.id.namespace === claim.id.namespace && claim.annotations['k8up.io/backup'] === 'true',
  );
  if (!schedule) throw new ProseError(element, `le volume ${claim.id.name} n’est sauvegardé par aucun planning k8up (annotation k8up.io/backup et Schedule dans ${claim.id.namespace})`);
  const manifest = {
    apiVersion: schedule.apiVersion,
    kind: 'Restore',
    metadata: { name: `restore-${claim.id.name}`, namespace: claim.id.namespace },
    spec: {
      restoreMethod: { folder: { claimName: claim.id.name } },
      backend: specOf(schedule).backend,
    },
  };
  return { claim: resourceLink(ctx, claim.key), schedule: resourceLink(ctx, schedule.key), yaml: stringify(manifest, { lineWidth: 0 }) };
}

export interface Bootstrap {
  /** The Kustomization `flux bootstrap` creates, and the folder it points at. */
  root: ResourceLink;
  path: string;
  url: string;
  branch?: string;
  /** `flux bootstrap github …` when the repository is on GitHub, else `flux bootstrap git --url=…`. */
  command: string;
}

/** The command that starts an empty cluster on this repository, from the root Kustomization and its GitRepository. */
export function bootstrapCommand(model: Model, envName = DEFAULT_ENV): Bootstrap {
  const steps = fluxSteps(model, envName);
  const root = steps.find((s) => !s.declaredBy && s.kustomizations.length > 0) ?? steps[0];
  if (!root?.path) throw new ProseError(`<BootstrapCommand env="${envName}" />`, `aucune Kustomization Flux avec un chemin dans l’environnement ${envName}`);
  const ctx = envContext(model, envName);
  const source = out(ctx, root.resource.key, 'source').map((r) => ctx.env.byKey.get(r.to)).find((r) => r !== undefined);
  const url = (source && asString(specOf(source).url)) ?? '';
  const branch = source ? asString(asRecord(specOf(source).ref)?.branch) : undefined;
  const github = /github\.com[/:]([^/]+)\/([^/.]+)(?:\.git)?$/.exec(url);
  const command = github
    ? `flux bootstrap github \\\n  --owner=${github[1]} --repository=${github[2]}${branch ? ` --branch=${branch}` : ''} \\\n  --path=${root.path} --personal=false`
    : `flux bootstrap git --url=${url}${branch ? ` --branch=${branch}` : ''} --path=${root.path}`;
  return { root: root.resource, path: root.path, url, ...(branch ? { branch } : {}), command };
}
