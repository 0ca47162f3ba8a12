// Applications versus operators: what a Helm release is in the story the overview tells. A known controller chart is
// an operator; otherwise a release that serves host names (routes or Ingresses its values make, or routes of the
// manifests to what it makes) is an application; then one that installs CRDs or lives in a `*-system` namespace is a
// platform component, and one that runs its own workloads (read from its values) an application. The overview's
// operators frame holds the operators only.
import { endpointsOf } from '../../endpoints.ts';
import type { Environment, Model, Resource } from '../../model.ts';
import { Field } from '../located.ts';
import { chartsOf } from '../readers.ts';
import { conventionHostnames } from './convention.ts';

export type ReleaseRole = 'application' | 'operator';

export interface ReleaseClassification {
  role: ReleaseRole;
  /** French, why: « sert jellyfin.example.org », « chart de contrôleur connu (cert-manager) ». */
  why: string;
  /** The host names it serves. */
  hosts: string[];
}

/** Charts that install controllers, CRDs or cluster plumbing, whatever their values say. */
const CONTROLLER_CHARTS = new Set([
  'actions-runner-controller', 'cert-manager', 'cilium', 'cloudnative-pg', 'coredns', 'csi-driver-nfs', 'democratic-csi', 'descheduler',
  'external-dns', 'external-secrets', 'flux-instance', 'flux-operator', 'flux2', 'gateway-helm', 'gha-runner-scale-set-controller',
  'ingress-nginx', 'intel-device-plugins-operator', 'k8up', 'keda', 'kube-prometheus-stack', 'kyverno', 'longhorn', 'metallb',
  'metrics-server', 'node-feature-discovery', 'openebs', 'prometheus-operator-crds', 'reloader', 'rook-ceph', 'rook-ceph-cluster',
  'sealed-secrets', 'snapshot-controller', 'spegel', 'system-upgrade-controller', 'tigera-operator', 'traefik', 'velero', 'volsync',
]);
const CONTROLLER_NAME = /(^|-)(operator|controller|crds?|csi|provisioner|webhook)(-|$)/;

/**
 * The values' usual switches (`installCRDs`, `crds.enabled`, `crds.install`). Not `spec.install.crds`: home-ops
 * repositories patch it onto every release, applications included.
 */
function installsCrds(release: Resource): boolean {
  const values = Field.of(release.object).at('spec', 'values');
  return values.at('installCRDs').value === true || values.at('crds', 'enabled').value === true || values.at('crds', 'install').value === true;
}

/** Release key → host names reaching what it makes: its deduced routes, or routes to what it makes (deduced or by name). */
function hostsByRelease(model: Model, env: Environment): Map<string, Set<string>> {
  const owner = new Map<string, string>();
  for (const r of env.resources) if (r.deduced) owner.set(r.key, r.deduced.release);
  for (const relation of model.relations) {
    if (relation.type === 'routes-to' && relation.detail?.producedBy && relation.detail.madeBy) owner.set(relation.to, relation.detail.producedBy);
  }
  const out = new Map<string, Set<string>>();
  for (const endpoint of endpointsOf(env)) {
    if (endpoint.host === '*') continue;
    const release = owner.get(endpoint.route) ?? (endpoint.service ? owner.get(endpoint.service) : undefined);
    if (release) out.set(release, (out.get(release) ?? new Set()).add(endpoint.host));
  }
  return out;
}

const classified = new WeakMap<Model, Map<string, Map<string, ReleaseClassification>>>();

function classifyAll(model: Model, env: Environment): Map<string, ReleaseClassification> {
  const hosts = hostsByRelease(model, env);
  const out = new Map<string, ReleaseClassification>();
  for (const release of env.resources) {
    const install = chartsOf(release)[0];
    if (!install || release.deduced) continue;
    const deduction = env.deductions.get(release.key);
    const chart = deduction?.chart ?? install.chart;
    const served = [...new Set([...(hosts.get(release.key) ?? []), ...conventionHostnames(Field.of(release.object).at('spec', 'values'))])].sort();
    const namespace = install.namespace ?? release.id.namespace ?? '';
    const role = (r: ReleaseRole, why: string): ReleaseClassification => ({ role: r, why, hosts: served });
    if (CONTROLLER_CHARTS.has(chart) || CONTROLLER_NAME.test(chart)) out.set(release.key, role('operator', `chart de contrôleur connu (${chart})`));
    else if (served.length > 0) out.set(release.key, role('application', `sert ${served.join(', ')}`));
    else if (installsCrds(release)) out.set(release.key, role('operator', 'installe des CRD'));
    else if (namespace.endsWith('-system') || namespace === 'kube-system') out.set(release.key, role('operator', `dans l’espace de noms ${namespace}`));
    else if (deduction?.reader && deduction.objects.length > 0) out.set(release.key, role('application', `fait tourner ses propres charges de travail (${chart})`));
    else out.set(release.key, role('operator', `chart ${chart} : ni nom d’hôte ni charge de travail connus`));
  }
  return out;
}

/** What a release (or any chart installer) of the model is: an application or an operator, and why. */
export function releaseRole(model: Model, key: string): ReleaseClassification | undefined {
  const envName = key.slice(0, key.indexOf('/'));
  let byEnv = classified.get(model);
  if (!byEnv) classified.set(model, (byEnv = new Map()));
  let roles = byEnv.get(envName);
  if (!roles) {
    const env = model.environments.find((e) => e.name === envName);
    byEnv.set(envName, (roles = env ? classifyAll(model, env) : new Map()));
  }
  return roles.get(key);
}
