// The comparison itself: one environment rendered from Git against one export of its cluster. Pure: the model and
// the parsed snapshot in, a report out. Objects are matched on API group, kind, namespace and name, after the
// loader's namespace rules (Flux targetNamespace…) have been applied to the Git side; the cluster says which kinds
// are cluster-scoped. Only the kinds the export contains are compared: a kind left out of the export is listed as
// not compared, never reported missing.
import { canonicalGroup, kindEntry } from '../kinds/registry.ts';
import { compareText, locationOf, type Environment, type Model, type Resource, type SourceLocation } from '../model.ts';
import {
  comparedFacts,
  identityOf,
  markersOf,
  releaseInstalledBy,
  replicasOf,
  sameValue,
  scaledBy,
  type Fact,
  type Markers,
  type ObjectIdentity,
} from './facts.ts';
import { IGNORE_RULES, ignoreRuleFor, type IgnoreContext } from './ignore.ts';
import type { Snapshot, SnapshotObject } from './snapshot.ts';

export interface DriftSubject extends ObjectIdentity {
  /** `Deployment booking/calcom`, `ClusterIssuer letsencrypt-production`. */
  label: string;
}

export interface DriftMember {
  subject: DriftSubject;
  git?: SourceLocation;
  cluster?: SourceLocation;
  /** Model key of the resource, when Git defines it (its page on the site). */
  resourceKey?: string;
}

export type DriftType = 'cluster-only' | 'git-only' | 'value';

export interface DriftValue {
  slot: string;
  /** French: « répliques », « image du conteneur app ». */
  label: string;
  /** As written in Git (`—` when Git does not have this slot). */
  git: string;
  cluster: string;
  /** Git does not write the value: the API server's default applies. */
  gitDefaulted?: boolean;
}

/** One difference between Git and the cluster; `members` are the objects it groups (a release's, a Kustomization's). */
export interface Drift {
  type: DriftType;
  subject: DriftSubject;
  /** French, one sentence: the subject, then `detail`. */
  message: string;
  /** French, what differs, without the subject (for a page that shows the subject apart). */
  detail: string;
  /** French, what to do next. */
  hint: string;
  git?: SourceLocation;
  cluster?: SourceLocation;
  resourceKey?: string;
  value?: DriftValue;
  members?: DriftMember[];
}

export interface IgnoredCount {
  rule: string;
  title: string;
  reason: string;
  count: number;
  /** A few of the objects set aside, for the curious. */
  examples: string[];
}

export interface DriftWarning {
  code: string;
  message: string;
  hint?: string;
}

export interface DriftReport {
  env: string;
  snapshot: {
    path: string;
    format: 'yaml' | 'json';
    objects: number;
    takenAt?: string;
    takenAtSource?: 'header' | 'objects';
  };
  differences: Drift[];
  /** Objects of the cluster absent from Git that a rule explains, per rule (rules that matched nothing are left out). */
  ignored: IgnoredCount[];
  /** Kinds written in Git that the export does not contain: not compared. */
  notCompared: { kinds: string[]; resources: number };
  /** Objects found on both sides, whose values were compared. */
  compared: number;
  warnings: DriftWarning[];
}

/** `group/kind`, the groups serving the same objects folded into one (an `extensions` Ingress is a `networking.k8s.io` one). */
const kindKey = (id: ObjectIdentity): string => `${canonicalGroup(id.group, id.kind)}/${id.kind}`;

export function subjectOf(id: ObjectIdentity): DriftSubject {
  return { ...id, label: `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}` };
}

interface ClusterEntry {
  id: ObjectIdentity;
  item: SnapshotObject;
  markers: Markers;
}

interface GitEntry {
  id: ObjectIdentity;
  resource: Resource;
}

/** The comparison's identity: group (aliases folded), kind, namespace unless the kind is cluster-scoped, name. */
function matchKey(id: ObjectIdentity, clusterScoped: ReadonlySet<string>): string {
  const kind = kindKey(id);
  return `${kind}\u0000${clusterScoped.has(kind) ? '' : (id.namespace ?? '')}\u0000${id.name}`;
}

const at = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;

function ignoreContext(git: readonly GitEntry[], cluster: readonly ClusterEntry[], model: Model, envName: string): IgnoreContext {
  const knownReleases = new Set<string>();
  const knownReleaseStorage = new Set<string>();
  const releaseNamespaces = new Set<string>();
  const fluxHelmCharts = new Set<string>();
  const argoChartApplications = new Set<string>();
  const objects = [...git.map((g) => g.resource.object), ...cluster.map((c) => c.item.object)];
  for (const object of objects) {
    const release = releaseInstalledBy(object);
    if (!release) continue;
    knownReleases.add(at(release.namespace, release.name));
    knownReleaseStorage.add(at(release.storageNamespace ?? release.namespace, release.name));
    if (release.createsNamespace && release.namespace) releaseNamespaces.add(release.namespace);
    if (release.fluxHelmChart) fluxHelmCharts.add(at(release.fluxHelmChart.namespace, release.fluxHelmChart.name));
    if (release.argoApplication) argoChartApplications.add(release.argoApplication);
  }
  // Secrets the relations of the model point at (used, produced, storing a certificate) without Git writing them.
  const referencedSecrets = new Set<string>();
  const prefix = `${envName}/core/Secret/`;
  for (const relation of model.relations) {
    if (!relation.to.startsWith(prefix)) continue;
    const [namespace, ...name] = relation.to.slice(prefix.length).split('/');
    referencedSecrets.add(at(namespace === '_cluster' ? undefined : namespace, name.join('/')));
  }
  return { knownReleases, knownReleaseStorage, releaseNamespaces, fluxHelmCharts, referencedSecrets, argoChartApplications };
}

function describeValue(fact: Fact | undefined): string {
  if (!fact) return '—';
  return fact.defaulted ? `${fact.value} (non écrit : valeur par défaut)` : fact.value;
}

const VALUE_HINTS: Record<string, string> = {
  replicas:
    'Mis à l’échelle à la main (kubectl scale) ? Si le nombre voulu est celui du cluster, écrivez-le dans le manifeste ; sinon Flux le rétablira à sa prochaine réconciliation (flux reconcile).',
  image:
    'L’image a été changée dans le cluster (kubectl set image, kubectl edit) : ce qui tourne n’est pas ce que Git décrit. Faites le changement dans les manifestes, ou laissez Flux rétablir celle de Git.',
  suspend: 'Suspendu dans le cluster (flux suspend, kubectl patch) : Git n’y est plus appliqué. Reprenez-le (flux resume) une fois l’intervention finie.',
};

function valueHint(slot: string): string {
  const family = slot.split(':')[0];
  return (
    VALUE_HINTS[family] ??
    'Modifié dans le cluster sans passer par Git : reportez le changement dans les manifestes, ou laissez Flux rétablir la valeur de Git.'
  );
}

function compareValues(git: GitEntry, cluster: ClusterEntry, replicasOwned: boolean): Drift[] {
  const gitFacts = new Map<string, Fact>();
  const clusterFacts = new Map<string, Fact>();
  const gitReplicas = replicasOf(git.resource.object);
  const clusterReplicas = replicasOf(cluster.item.object);
  for (const fact of [...comparedFacts(git.resource.object), ...(!replicasOwned && gitReplicas ? [gitReplicas] : [])]) gitFacts.set(fact.slot, fact);
  for (const fact of [...comparedFacts(cluster.item.object), ...(!replicasOwned && clusterReplicas ? [clusterReplicas] : [])]) clusterFacts.set(fact.slot, fact);
  const subject = subjectOf(git.id);
  const out: Drift[] = [];
  for (const slot of [...new Set([...gitFacts.keys(), ...clusterFacts.keys()])].sort()) {
    const g = gitFacts.get(slot);
    const c = clusterFacts.get(slot);
    if (g && c && sameValue(g.comparison, g.value, c.value)) continue;
    // A default on one side and nothing on the other (a suspension neither side writes) is no difference.
    if ((!g && c?.defaulted) || (!c && g?.defaulted)) continue;
    const label = (g ?? c)!.label;
    const value: DriftValue = { slot, label, git: describeValue(g), cluster: describeValue(c), ...(g?.defaulted ? { gitDefaulted: true } : {}) };
    out.push({
      type: 'value',
      subject,
      message: `${subject.label} — ${label} : ${value.git} dans Git, ${value.cluster} dans le cluster.`,
      detail: `${label} : ${value.git} dans Git, ${value.cluster} dans le cluster.`,
      hint: valueHint(slot),
      git: locationOf(git.resource, g?.path),
      cluster: { path: cluster.item.source.path, line: c?.path ? cluster.item.lineOf(c.path) : cluster.item.source.line },
      resourceKey: git.resource.key,
      value,
    });
  }
  return out;
}

function clusterOnly(entry: ClusterEntry): Drift {
  const subject = subjectOf(entry.id);
  const flux = entry.markers.fluxKustomization;
  const keys = entry.item.secretKeys && entry.item.secretKeys.length > 0 ? ` (clés : ${entry.item.secretKeys.join(', ')})` : '';
  if (flux) {
    const detail = `dans le cluster, dans aucun manifeste${keys} — ses étiquettes disent que la Kustomization ${flux.namespace}/${flux.name} l’a appliqué.`;
    return {
      type: 'cluster-only',
      subject,
      message: `${subject.label} : ${detail}`,
      detail,
      hint: 'Un reste d’une version précédente : Flux ne l’a pas supprimé (prune désactivé, ou réconciliation en échec : flux get kustomizations). Supprimez-le, ou remettez-le dans les manifestes.',
      cluster: entry.item.source,
    };
  }
  const byHand = kindEntry(entry.id.group, entry.id.kind)?.handMade === true;
  return {
    type: 'cluster-only',
    subject,
    message: `${subject.label} : dans le cluster, dans aucun manifeste${keys}.`,
    detail: `dans le cluster, dans aucun manifeste${keys}.`,
    hint: byHand
      ? 'Lancé à la main (kubectl run, kubectl create job, kubectl debug) ? Supprimez-le une fois l’intervention finie.'
      : 'Créé à la main (kubectl create, kubectl apply) ? Ajoutez-le aux manifestes pour que Git le décrive, ou supprimez-le du cluster.',
    cluster: entry.item.source,
  };
}

function unknownRelease(release: string, namespace: string | undefined, entries: ClusterEntry[]): Drift {
  const subject: DriftSubject = { group: 'helm.sh', kind: 'Release', ...(namespace ? { namespace } : {}), name: release, label: `release Helm ${namespace ? `${namespace}/` : ''}${release}` };
  const sorted = [...entries].sort((a, b) => a.item.source.line - b.item.source.line);
  const count = sorted.length;
  return {
    type: 'cluster-only',
    subject,
    message: `La release Helm « ${release} »${namespace ? ` (espace de noms ${namespace})` : ''} est installée dans le cluster, mais aucun manifeste ne la déclare (${count} objet${count > 1 ? 's' : ''}).`,
    detail: `installée dans le cluster, déclarée par aucun manifeste (${count} objet${count > 1 ? 's' : ''}).`,
    hint: `Installée à la main (helm install) ? Déclarez-la par une HelmRelease pour que Git la décrive, ou désinstallez-la (helm uninstall ${release}${namespace ? ` -n ${namespace}` : ''}).`,
    cluster: sorted[0].item.source,
    members: sorted.map((e) => ({ subject: subjectOf(e.id), cluster: e.item.source })),
  };
}

function gitOnly(entry: GitEntry, deployer: Resource | undefined, members: GitEntry[]): Drift {
  const subject = subjectOf(entry.id);
  const deployedBy = deployer ? `${deployer.id.kind} ${deployer.id.namespace ? `${deployer.id.namespace}/` : ''}${deployer.id.name}` : undefined;
  const base = {
    type: 'git-only' as const,
    subject,
    git: entry.resource.source,
    resourceKey: entry.resource.key,
  };
  if (members.length > 0) {
    const n = members.length;
    return {
      ...base,
      // Only a Flux Kustomization or an Argo CD Application deploys others: both are feminine in French.
      message: `${subject.label} : jamais appliquée — absente du cluster, comme les ${n} ressource${n > 1 ? 's' : ''} qu’elle déploie.`,
      detail: `jamais appliquée — absente du cluster, comme les ${n} ressource${n > 1 ? 's' : ''} qu’elle déploie.`,
      hint: `Vérifiez ${deployedBy ? `la ${deployedBy}, qui doit l’appliquer,` : 'la réconciliation de Flux'} avec « flux get kustomizations » ; une erreur de construction ou une dépendance (dependsOn) en échec bloque tout ce qui suit.`,
      members: members.map((m) => ({ subject: subjectOf(m.id), git: m.resource.source, resourceKey: m.resource.key })),
    };
  }
  return {
    ...base,
    message: `${subject.label} : dans les manifestes, pas dans le cluster.`,
    detail: 'dans les manifestes, pas dans le cluster.',
    hint: deployedBy
      ? `Jamais appliqué, ou supprimé à la main : « flux get kustomizations » dit si la ${deployedBy} est en échec ; « flux reconcile » le recrée.`
      : 'Jamais appliqué, ou supprimé à la main : appliquez-le (par Flux de préférence) ou retirez-le des manifestes.',
  };
}

/**
 * Git resources missing from the cluster, grouped under the topmost missing Flux Kustomization (or Argo CD
 * Application) that deploys them: a Kustomization never applied is one difference, not one per resource. A resource
 * is missing when the export covers its kind; whatever a missing Kustomization deploys is missing too, whether or not
 * the export covers its kind (nothing of it was applied).
 */
function missingFromCluster(
  model: Model,
  env: Environment,
  git: readonly GitEntry[],
  inCluster: (entry: GitEntry) => boolean,
  covered: (entry: GitEntry) => boolean,
): { differences: Drift[]; notCompared: DriftReport['notCompared'] } {
  const deployerOf = new Map<string, string>();
  const prefix = `${env.name}/`;
  for (const relation of model.relations) {
    if (relation.type === 'deploys' && relation.from.startsWith(prefix) && !deployerOf.has(relation.to)) deployerOf.set(relation.to, relation.from);
  }
  const missing = new Map<string, GitEntry>();
  for (const entry of git) if (!inCluster(entry)) missing.set(entry.resource.key, entry);
  const members = new Map<string, GitEntry[]>();
  const heads: GitEntry[] = [];
  const notCovered = new Set<string>();
  let notComparedResources = 0;
  for (const entry of git) {
    const key = entry.resource.key;
    if (!missing.has(key) && covered(entry)) continue;
    if (!missing.has(key)) {
      notCovered.add(kindKey(entry.id));
      notComparedResources++;
      continue;
    }
    let top = key;
    const seen = new Set<string>([top]);
    for (let up = deployerOf.get(top); up && missing.has(up) && covered(missing.get(up)!) && !seen.has(up); up = deployerOf.get(up)) {
      seen.add(up);
      top = up;
    }
    if (top !== key) {
      const list = members.get(top) ?? [];
      list.push(entry);
      members.set(top, list);
    } else if (covered(entry)) heads.push(entry);
    else {
      notCovered.add(kindKey(entry.id));
      notComparedResources++;
    }
  }
  const differences = heads.map((head) => {
    const deployerKey = deployerOf.get(head.resource.key);
    const grouped = (members.get(head.resource.key) ?? []).sort((a, b) => (subjectOf(a.id).label < subjectOf(b.id).label ? -1 : 1));
    return gitOnly(head, deployerKey ? env.byKey.get(deployerKey) : undefined, grouped);
  });
  return { differences, notCompared: { kinds: [...notCovered].sort(), resources: notComparedResources } };
}

const TYPE_ORDER: Record<DriftType, number> = { 'cluster-only': 0, 'git-only': 1, value: 2 };

function compareDrifts(a: Drift, b: Drift): number {
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || compareText(a.subject.label, b.subject.label) || compareText(a.value?.slot ?? '', b.value?.slot ?? '');
}

/** Git's environment `envName` against `snapshot`, an export of the cluster it describes. */
export function compareWithSnapshot(model: Model, envName: string, snapshot: Snapshot): DriftReport {
  const env = model.environments.find((e) => e.name === envName);
  if (!env) throw new Error(`Environnement « ${envName} » absent du modèle.`);

  const cluster: ClusterEntry[] = snapshot.objects.map((item) => ({ id: identityOf(item.object), item, markers: markersOf(item.object) }));
  const clusterScoped = new Set<string>();
  const namespacedInCluster = new Set<string>();
  for (const entry of cluster) (entry.id.namespace ? namespacedInCluster : clusterScoped).add(kindKey(entry.id));
  for (const kind of namespacedInCluster) clusterScoped.delete(kind);
  const coveredKinds = new Set([...cluster.map((e) => kindKey(e.id))]);

  const git: GitEntry[] = env.resources.map((resource) => ({ id: { ...resource.id }, resource }));
  const gitByKey = new Map<string, GitEntry>();
  for (const entry of git) gitByKey.set(matchKey(entry.id, clusterScoped), entry);
  const clusterByKey = new Map<string, ClusterEntry>();
  for (const entry of cluster) if (!clusterByKey.has(matchKey(entry.id, clusterScoped))) clusterByKey.set(matchKey(entry.id, clusterScoped), entry);

  // Replicas an autoscaler sets, in Git or in the cluster, are the autoscaler's, not a difference.
  const autoscaled = new Set<string>();
  for (const object of [...git.map((g) => g.resource.object), ...cluster.map((c) => c.item.object)]) {
    const target = scaledBy(object);
    if (target) autoscaled.add(matchKey(target, clusterScoped));
  }

  const context = ignoreContext(git, cluster, model, envName);
  const differences: Drift[] = [];
  const ignored = new Map<string, { count: number; examples: string[] }>();
  const releases = new Map<string, { name: string; namespace?: string; entries: ClusterEntry[] }>();
  let compared = 0;

  for (const entry of cluster) {
    const key = matchKey(entry.id, clusterScoped);
    // The same object twice (two exports pasted together) counts once.
    if (clusterByKey.get(key) !== entry) continue;
    const inGit = gitByKey.get(key);
    if (inGit) {
      compared++;
      differences.push(...compareValues(inGit, entry, autoscaled.has(key)));
      continue;
    }
    const rule = ignoreRuleFor(entry, context);
    if (rule) {
      const tally = ignored.get(rule.id) ?? { count: 0, examples: [] };
      tally.count++;
      if (tally.examples.length < 3) tally.examples.push(subjectOf(entry.id).label);
      ignored.set(rule.id, tally);
      continue;
    }
    // Objects of a Helm release nobody declares are one difference: the release.
    const release = entry.markers.helmRelease ?? entry.markers.helmStorage;
    if (release) {
      const id = at(release.namespace, release.name);
      const group = releases.get(id) ?? { name: release.name, ...(release.namespace ? { namespace: release.namespace } : {}), entries: [] };
      group.entries.push(entry);
      releases.set(id, group);
      continue;
    }
    differences.push(clusterOnly(entry));
  }
  for (const group of releases.values()) differences.push(unknownRelease(group.name, group.namespace, group.entries));

  const missing = missingFromCluster(model, env, git, (entry) => clusterByKey.has(matchKey(entry.id, clusterScoped)), (entry) => coveredKinds.has(kindKey(entry.id)));
  differences.push(...missing.differences);

  const warnings: DriftWarning[] = [];
  if (snapshot.secretsWithValues.length > 0) {
    const n = snapshot.secretsWithValues.length;
    const example = snapshot.secretsWithValues[0].replace(/^\//, '');
    warnings.push({
      code: 'FFE-W-SNAPSHOT-SECRET-VALUES',
      message: `L’export contient les valeurs de ${n} Secret${n > 1 ? 's' : ''} (par exemple ${example}) : elles n’ont été ni lues, ni affichées, ni gardées — seuls les noms et les clés servent.`,
      hint: 'Ne conservez pas ce fichier et ne le publiez pas : exportez sans les Secrets, ou leurs seules métadonnées (voir la page Contribuer, « Comparer Git et le cluster »).',
    });
  }

  return {
    env: envName,
    snapshot: {
      path: snapshot.path,
      format: snapshot.format,
      objects: snapshot.objects.length,
      ...(snapshot.takenAt ? { takenAt: snapshot.takenAt } : {}),
      ...(snapshot.takenAtSource ? { takenAtSource: snapshot.takenAtSource } : {}),
    },
    differences: differences.sort(compareDrifts),
    ignored: IGNORE_RULES.filter((rule) => ignored.has(rule.id)).map((rule) => ({
      rule: rule.id,
      title: rule.title,
      reason: rule.reason,
      ...ignored.get(rule.id)!,
    })),
    notCompared: missing.notCompared,
    compared,
    warnings,
  };
}
