// The platform rules every rendered manifest keeps. Each is pure: objects in, violations out.
import type { KubeObject } from '../model.ts';
import { containersOf, type Container } from '../workloads.ts';
import {
  annotation,
  asArray,
  asRecord,
  isKind,
  isLongRunning,
  namespaceOf,
  nameOf,
  regularContainers,
  violation,
  workloadsOf,
} from './objects.ts';
import { referencesExist } from './references.ts';
import { EXEMPTION_ANNOTATIONS, type PolicyRule, type PolicyViolation } from './types.ts';

/** The tag of an image reference, or undefined; a digest (`@sha256:…`) pins on its own. */
export function imagePin(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const name = at === -1 ? image : image.slice(0, at);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const tag = colon === -1 ? undefined : name.slice(colon + 1);
  return { tag, digest };
}

const imagePinned: PolicyRule = {
  id: 'image-pinned',
  title: 'Images épinglées',
  description:
    'Chaque conteneur désigne une version précise de son image (tag de version, digest bienvenu), jamais « latest » ni une image sans tag : un redémarrage ne doit jamais changer de logiciel en silence.',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const { object, template } of workloadsOf(objects)) {
      for (const c of containersOf(template.spec)) {
        const image = c.image ?? '';
        const { tag, digest } = imagePin(image);
        if (digest) continue;
        if (!image) out.push(violation('image-pinned', object, `Le conteneur « ${c.name} » n’indique aucune image.`));
        else if (!tag) out.push(violation('image-pinned', object, `L’image « ${image} » du conteneur « ${c.name} » n’a pas de tag de version.`));
        else if (tag === 'latest')
          out.push(violation('image-pinned', object, `L’image « ${image} » du conteneur « ${c.name} » utilise « latest » : indiquer une version.`));
      }
    }
    return out;
  },
};

function hasValue(map: Record<string, string | number> | undefined, key: string): boolean {
  const value = map?.[key];
  return value !== undefined && value !== '' && value !== null;
}

const resources: PolicyRule = {
  id: 'resources',
  title: 'Ressources réservées et mémoire plafonnée',
  description:
    'Chaque conteneur réserve du CPU et de la mémoire (requests) et plafonne sa mémoire (limits.memory) : sur un seul nœud, un service gourmand ne doit pas affamer les autres.',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const { object, template } of workloadsOf(objects)) {
      for (const c of containersOf(template.spec)) {
        const missing: string[] = [];
        if (!hasValue(c.resources?.requests, 'cpu')) missing.push('requests.cpu');
        if (!hasValue(c.resources?.requests, 'memory')) missing.push('requests.memory');
        if (!hasValue(c.resources?.limits, 'memory')) missing.push('limits.memory');
        if (missing.length > 0)
          out.push(violation('resources', object, `Le conteneur « ${c.name} » ne déclare pas ${missing.join(', ')}.`));
      }
    }
    return out;
  },
};

const probes: PolicyRule = {
  id: 'probes',
  title: 'Sondes de disponibilité et de vie',
  description:
    'Chaque conteneur d’un service permanent déclare une readinessProbe (ne recevoir du trafic que prêt) et une livenessProbe (être redémarré s’il se bloque). Les Jobs et CronJobs, qui se terminent, en sont dispensés.',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const { object, template } of workloadsOf(objects)) {
      if (!isLongRunning(object)) continue;
      for (const c of regularContainers(template)) {
        const missing: string[] = [];
        if (!c.readinessProbe) missing.push('readinessProbe');
        if (!c.livenessProbe) missing.push('livenessProbe');
        if (missing.length > 0)
          out.push(violation('probes', object, `Le conteneur « ${c.name} » n’a pas de ${missing.join(' ni de ')}.`));
      }
    }
    return out;
  },
};

function dropsAll(c: Container): boolean {
  const drop = asArray(asRecord(c.securityContext?.capabilities)?.drop);
  return drop.some((d) => typeof d === 'string' && d.toUpperCase() === 'ALL');
}

const securityContext: PolicyRule = {
  id: 'security-context',
  title: 'Contexte de sécurité restreint',
  description:
    'Chaque conteneur interdit l’élévation de privilèges, abandonne toutes les capacités Linux, tourne sans root et avec un système de fichiers racine en lecture seule. Une image qui ne le permet pas le déclare par une annotation policy.ffe.fr/allow-root ou policy.ffe.fr/writable-root-filesystem dont la valeur donne la raison.',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const { object, template } of workloadsOf(objects)) {
      const podNonRoot = template.spec.securityContext?.runAsNonRoot === true;
      const rootAllowed = annotation(object, EXEMPTION_ANNOTATIONS.allowRoot) !== undefined;
      const writableAllowed = annotation(object, EXEMPTION_ANNOTATIONS.writableRootFilesystem) !== undefined;
      for (const c of containersOf(template.spec)) {
        const sc = c.securityContext ?? {};
        const problems: string[] = [];
        if (sc.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation doit valoir false');
        if (!dropsAll(c)) problems.push('capabilities.drop doit contenir ALL');
        const nonRoot = sc.runAsNonRoot === true || (podNonRoot && sc.runAsNonRoot !== false);
        if (!nonRoot && !rootAllowed)
          problems.push(`runAsNonRoot doit valoir true (ou annoter ${EXEMPTION_ANNOTATIONS.allowRoot} avec la raison)`);
        if (sc.readOnlyRootFilesystem !== true && !writableAllowed)
          problems.push(
            `readOnlyRootFilesystem doit valoir true (ou annoter ${EXEMPTION_ANNOTATIONS.writableRootFilesystem} avec la raison)`,
          );
        if (problems.length > 0)
          out.push(violation('security-context', object, `Conteneur « ${c.name} » : ${problems.join(' ; ')}.`));
      }
    }
    return out;
  },
};

export const REQUIRED_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'] as const;

const recommendedLabels: PolicyRule = {
  id: 'recommended-labels',
  title: 'Étiquettes app.kubernetes.io',
  description:
    'Les workloads, leurs pods, les Services et les Ingress portent app.kubernetes.io/name et app.kubernetes.io/part-of : on retrouve ainsi tout ce qui compose une application, dans kubectl comme dans les tableaux de bord.',
  check(objects) {
    const out: PolicyViolation[] = [];
    const missingIn = (labels: Record<string, string> | undefined) => REQUIRED_LABELS.filter((l) => !labels?.[l]);
    for (const { object, template } of workloadsOf(objects)) {
      const own = missingIn(object.metadata?.labels);
      if (own.length > 0) out.push(violation('recommended-labels', object, `Étiquettes manquantes : ${own.join(', ')}.`));
      const pod = missingIn(template.labels);
      if (pod.length > 0)
        out.push(violation('recommended-labels', object, `Étiquettes manquantes sur le modèle de pod : ${pod.join(', ')}.`));
    }
    for (const object of objects) {
      if (!isKind(object, '', 'Service') && !isKind(object, 'networking.k8s.io', 'Ingress')) continue;
      const own = missingIn(object.metadata?.labels);
      if (own.length > 0) out.push(violation('recommended-labels', object, `Étiquettes manquantes : ${own.join(', ')}.`));
    }
    return out;
  },
};

/** Kinds whose operator starts pods in the object's namespace: they need network policies too. */
const POD_RUNNING_CUSTOM_KINDS: { group: string; kind: string }[] = [
  { group: 'postgresql.cnpg.io', kind: 'Cluster' },
  { group: 'k8up.io', kind: 'Schedule' },
];

function isEmptySelector(selector: unknown): boolean {
  const s = asRecord(selector);
  if (!s) return true;
  return Object.keys(asRecord(s.matchLabels) ?? {}).length === 0 && asArray(s.matchExpressions).length === 0;
}

/** The directions (Ingress / Egress) a NetworkPolicy denies for every pod of its namespace. */
export function defaultDenyDirections(policy: KubeObject): Set<'Ingress' | 'Egress'> {
  const spec = asRecord(policy.spec) ?? {};
  const result = new Set<'Ingress' | 'Egress'>();
  if (!isEmptySelector(spec.podSelector)) return result;
  const types = asArray(spec.policyTypes).filter((t): t is string => typeof t === 'string');
  const effective = types.length > 0 ? types : ['Ingress', ...(spec.egress ? ['Egress'] : [])];
  if (effective.includes('Ingress') && asArray(spec.ingress).length === 0) result.add('Ingress');
  if (effective.includes('Egress') && asArray(spec.egress).length === 0) result.add('Egress');
  return result;
}

const networkPolicies: PolicyRule = {
  id: 'network-policy',
  title: 'Réseau fermé par défaut',
  description:
    'Tout namespace qui fait tourner des pods (workloads, bases CloudNativePG, sauvegardes k8up) contient une NetworkPolicy qui refuse tout trafic entrant et sortant, puis des règles explicites pour chaque flux permis. Un client ne peut ainsi joindre ni les autres clients ni leurs bases.',
  check(objects) {
    const podNamespaces = new Map<string, KubeObject>();
    for (const { object } of workloadsOf(objects)) {
      const ns = namespaceOf(object);
      if (ns && !podNamespaces.has(ns)) podNamespaces.set(ns, object);
    }
    for (const object of objects) {
      const ns = namespaceOf(object);
      if (ns && !podNamespaces.has(ns) && POD_RUNNING_CUSTOM_KINDS.some((k) => isKind(object, k.group, k.kind)))
        podNamespaces.set(ns, object);
    }
    const denied = new Map<string, Set<string>>();
    for (const object of objects) {
      if (!isKind(object, 'networking.k8s.io', 'NetworkPolicy')) continue;
      const ns = namespaceOf(object);
      if (!ns) continue;
      const set = denied.get(ns) ?? new Set<string>();
      for (const d of defaultDenyDirections(object)) set.add(d);
      denied.set(ns, set);
    }
    const out: PolicyViolation[] = [];
    for (const [ns, example] of [...podNamespaces].sort(([a], [b]) => a.localeCompare(b))) {
      const set = denied.get(ns) ?? new Set<string>();
      const missing = ['Ingress', 'Egress'].filter((d) => !set.has(d));
      if (missing.length === 0) continue;
      const what = missing.length === 2 ? 'entrant et sortant' : missing[0] === 'Ingress' ? 'entrant' : 'sortant';
      out.push({
        rule: 'network-policy',
        kind: 'Namespace',
        name: ns,
        message: `Le namespace « ${ns} » fait tourner des pods (${example.kind} « ${nameOf(example)} ») sans NetworkPolicy qui refuse par défaut le trafic ${what}.`,
      });
    }
    return out;
  },
};

const ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'] as const;

const ingressTls: PolicyRule = {
  id: 'ingress-tls',
  title: 'HTTPS par cert-manager',
  description:
    'Chaque Ingress sert tous ses noms en TLS, avec un certificat délivré par un émetteur cert-manager déclaré dans le dépôt (annotation cert-manager.io/cluster-issuer).',
  check(objects) {
    const clusterIssuers = new Set(objects.filter((o) => isKind(o, 'cert-manager.io', 'ClusterIssuer')).map(nameOf));
    const issuers = new Set(
      objects.filter((o) => isKind(o, 'cert-manager.io', 'Issuer')).map((o) => `${namespaceOf(o)}/${nameOf(o)}`),
    );
    const out: PolicyViolation[] = [];
    for (const object of objects) {
      if (!isKind(object, 'networking.k8s.io', 'Ingress')) continue;
      const spec = asRecord(object.spec) ?? {};
      const tls = asArray(spec.tls).map(asRecord).filter((t) => t !== undefined);
      const covered = new Set(tls.filter((t) => typeof t.secretName === 'string' && t.secretName).flatMap((t) => asArray(t.hosts)));
      const hosts = asArray(spec.rules)
        .map((r) => asRecord(r)?.host)
        .filter((h): h is string => typeof h === 'string');
      const uncovered = hosts.filter((h) => !covered.has(h));
      if (tls.length === 0) out.push(violation('ingress-tls', object, 'L’Ingress n’a pas de section tls.'));
      else if (uncovered.length > 0)
        out.push(violation('ingress-tls', object, `Noms servis sans certificat TLS : ${uncovered.join(', ')}.`));
      const clusterIssuer = annotation(object, ISSUER_ANNOTATIONS[0]);
      const issuer = annotation(object, ISSUER_ANNOTATIONS[1]);
      if (!clusterIssuer && !issuer)
        out.push(violation('ingress-tls', object, 'Aucune annotation cert-manager.io/cluster-issuer : le certificat ne sera jamais délivré.'));
      else if (clusterIssuer && !clusterIssuers.has(clusterIssuer))
        out.push(violation('ingress-tls', object, `Le ClusterIssuer « ${clusterIssuer} » n’est déclaré nulle part.`));
      else if (issuer && !clusterIssuer && !issuers.has(`${namespaceOf(object)}/${issuer}`))
        out.push(violation('ingress-tls', object, `L’Issuer « ${issuer} » n’existe pas dans ce namespace.`));
    }
    return out;
  },
};

const noPlaintextSecret: PolicyRule = {
  id: 'no-plaintext-secret',
  title: 'Aucun secret en clair',
  description:
    'Aucun objet Secret avec des données n’est versionné : les secrets sont chiffrés en SealedSecret, que seul le contrôleur du cluster sait ouvrir.',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const object of objects) {
      if (!isKind(object, '', 'Secret')) continue;
      const keys = [...Object.keys(asRecord(object.data) ?? {}), ...Object.keys(asRecord(object.stringData) ?? {})];
      if (keys.length > 0)
        out.push(violation('no-plaintext-secret', object, `Secret en clair dans le dépôt (clés : ${keys.join(', ')}) : le chiffrer avec kubeseal.`));
    }
    return out;
  },
};


export const POLICY_RULES: PolicyRule[] = [
  imagePinned,
  resources,
  probes,
  securityContext,
  recommendedLabels,
  networkPolicies,
  ingressTls,
  noPlaintextSecret,
  referencesExist,
];
