// The platform rules every rendered manifest keeps. Each is pure: objects in, violations out. They are the single
// source of truth: `npm run check` and the build turn their violations into located findings (checks/policy.ts).
import { hasSopsMetadata } from '../fields.ts';
import { parseImage } from '../images.ts';
import { compareText, type KubeObject } from '../model.ts';
import { defaultDenyDirections, networkPolicyOf } from '../kinds/network-policies.ts';
import { entryOf, runsPods } from '../kinds/readers.ts';
import { secretValuesOf } from '../kinds/registry.ts';
import { parseIngress } from '../kinds/routes.ts';
import { secretValueText } from '../kinds/secrets.ts';
import { exemptionAnnotations, exemptionsOf, type ExemptionAnnotations, type WorkloadContainer as Container } from '../kinds/workloads.ts';
import { writtenForm } from '../flux-substitution.ts';
import { isKind, labelOf, labelsOf, namespaceOf, nameOf, refOf, violation, workloadsOf } from './objects.ts';
import { isSecretReference } from './secret-references.ts';
import type { PolicyContext, PolicyRule, PolicyViolation } from './types.ts';

/** Why an image floats, or undefined when it is pinned (a version tag, or a digest on its own). */
function floatingReason(image: string | undefined): string | undefined {
  if (image === undefined) return 'aucune image';
  const ref = parseImage(image);
  if (ref.pinned) return undefined;
  return ref.tag === 'latest' ? '« latest » au lieu d’une version' : 'pas de tag de version';
}

const imagePinned: PolicyRule = {
  id: 'image-pinned',
  code: 'FFE-W-IMAGE-UNPINNED',
  severity: 'warning',
  category: 'convention',
  title: 'Images épinglées',
  description:
    'Chaque conteneur désigne une version précise de son image (tag de version, digest bienvenu), jamais « latest » ni une image sans tag : un redémarrage ne doit jamais changer de logiciel en silence.',
  hint: 'Indiquez une version précise (nginx:1.27.3) ou mieux un condensé (@sha256:…) : sinon chaque redémarrage peut déployer autre chose.',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const { object, workload } of workloadsOf(objects)) {
      const floating = workload.containers.flatMap((c) => {
        const reason = floatingReason(c.image);
        if (!reason) return [];
        const what = c.image !== undefined ? `« ${c.image} » ` : '';
        return [`${what}(conteneur « ${c.name ?? '(sans nom)'} » : ${reason})`];
      });
      if (floating.length > 0)
        out.push(violation('image-pinned', object, `${labelOf(object)} : image non épinglée ${floating.join(', ')}.`));
    }
    return out;
  },
};

/** « « app » (requests.memory), « side » (requests.cpu) »: each container that lacks something, with what it lacks. */
function lackingContainers(containers: Container[], missingOf: (c: Container) => string[]): string[] {
  return containers.flatMap((c) => {
    const missing = missingOf(c);
    return missing.length > 0 ? [`« ${c.name ?? '(sans nom)'} » (${missing.join(', ')})`] : [];
  });
}

/** Workload by workload, the containers that lack some of `fields` (paths under `resources`). */
function missingResources(
  objects: KubeObject[],
  rule: string,
  fields: `${'requests' | 'limits'}.${'cpu' | 'memory'}`[],
  describe: (label: string, list: string) => string,
) {
  const out: PolicyViolation[] = [];
  for (const { object, workload } of workloadsOf(objects)) {
    const lacking = lackingContainers(workload.containers, (c) =>
      fields.filter((field) => {
        const [section, key] = field.split('.') as ['requests' | 'limits', 'cpu' | 'memory'];
        return c[section][key] === undefined;
      }),
    );
    if (lacking.length > 0) out.push(violation(rule, object, describe(labelOf(object), lacking.join(', '))));
  }
  return out;
}

const resourceRequests: PolicyRule = {
  id: 'resource-requests',
  code: 'FFE-W-REQUESTS-MISSING',
  severity: 'warning',
  category: 'convention',
  title: 'Ressources réservées',
  description:
    'Chaque conteneur réserve du CPU et de la mémoire (resources.requests) : l’ordonnanceur place les pods d’après ces réservations, et sur un seul nœud un service gourmand ne doit pas affamer les autres.',
  hint: 'Ajoutez resources.requests.cpu et resources.requests.memory : l’ordonnanceur place les pods d’après elles.',
  check: (objects) =>
    missingResources(objects, 'resource-requests', ['requests.cpu', 'requests.memory'], (label, list) => `${label} : réservations absentes pour ${list}.`),
};

const memoryLimit: PolicyRule = {
  id: 'memory-limit',
  code: 'FFE-W-LIMITS-MISSING',
  severity: 'warning',
  category: 'convention',
  title: 'Mémoire plafonnée',
  description:
    'Chaque conteneur plafonne sa mémoire (resources.limits.memory) : sans plafond, une fuite mémoire d’un service peut affamer tout le nœud.',
  hint: 'Ajoutez resources.limits.memory : sans elle, une fuite mémoire peut affamer tout le nœud.',
  check: (objects) =>
    missingResources(objects, 'memory-limit', ['limits.memory'], (label, list) => `${label} : aucune limite de mémoire pour ${list}.`),
};

const probes: PolicyRule = {
  id: 'probes',
  code: 'FFE-W-PROBES-MISSING',
  severity: 'warning',
  category: 'convention',
  title: 'Sondes de disponibilité et de vie',
  description:
    'Chaque conteneur d’un service permanent (Deployment, StatefulSet, DaemonSet) déclare une readinessProbe (ne recevoir du trafic que prêt) et une livenessProbe (être redémarré s’il se bloque). Les Jobs, CronJobs et Pods isolés, qui se terminent, en sont dispensés.',
  hint: 'Ajoutez une readinessProbe (le trafic n’arrive qu’aux pods prêts) et une livenessProbe (un pod bloqué est redémarré).',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const { object, workload } of workloadsOf(objects)) {
      if (!workload.longRunning) continue;
      const unprobed = lackingContainers(workload.containers.filter((c) => !c.init), (c) =>
        [c.readinessProbe ? '' : 'readinessProbe', c.livenessProbe ? '' : 'livenessProbe'].filter(Boolean),
      );
      if (unprobed.length > 0) out.push(violation('probes', object, `${labelOf(object)} : sondes absentes pour ${unprobed.join(', ')}.`));
    }
    return out;
  },
};

function securityContextRule(exemptions: ExemptionAnnotations): PolicyRule {
  return {
    id: 'security-context',
    code: 'FFE-W-SECURITY-CONTEXT',
    severity: 'warning',
    category: 'convention',
    title: 'Contexte de sécurité restreint',
    description: `Chaque conteneur interdit l’élévation de privilèges, abandonne toutes les capacités Linux, tourne sans root et avec un système de fichiers racine en lecture seule. Une image qui ne le permet pas le déclare par une annotation ${exemptions.allowRoot} ou ${exemptions.writableRootFilesystem} dont la valeur donne la raison.`,
    hint: `Complétez le securityContext du conteneur (allowPrivilegeEscalation: false, capabilities.drop: [ALL], runAsNonRoot: true, readOnlyRootFilesystem: true) ; si l’image ne le permet pas, annotez le workload ${exemptions.allowRoot} ou ${exemptions.writableRootFilesystem} avec la raison.`,
    check(objects) {
      const out: PolicyViolation[] = [];
      for (const { object, workload } of workloadsOf(objects)) {
        const exempt = new Set(exemptionsOf(object, exemptions).map((e) => e.annotation));
        const rootAllowed = exempt.has(exemptions.allowRoot);
        const writableAllowed = exempt.has(exemptions.writableRootFilesystem);
        for (const c of workload.containers) {
          const missing: string[] = [];
          if (!c.security.noPrivilegeEscalation) missing.push('allowPrivilegeEscalation: false');
          if (!c.security.dropsAllCapabilities) missing.push('capabilities.drop: [ALL]');
          if (!c.security.runsAsNonRoot && !rootAllowed) missing.push('runAsNonRoot: true');
          if (!c.security.readOnlyRootFilesystem && !writableAllowed) missing.push('readOnlyRootFilesystem: true');
          if (missing.length > 0)
            out.push(
              violation('security-context', object, `${labelOf(object)}, conteneur « ${c.name ?? '(sans nom)'} » : il manque ${missing.join(', ')}.`),
            );
        }
      }
      return out;
    },
  };
}

export const REQUIRED_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'] as const;

const recommendedLabels: PolicyRule = {
  id: 'recommended-labels',
  code: 'FFE-N-LABELS',
  severity: 'notice',
  category: 'convention',
  title: 'Étiquettes app.kubernetes.io',
  description:
    'Les workloads, leurs pods, les Services et les Ingress portent app.kubernetes.io/name et app.kubernetes.io/part-of : on retrouve ainsi tout ce qui compose une application, dans kubectl comme dans les tableaux de bord.',
  hint: 'Ajoutez app.kubernetes.io/name (le composant) et app.kubernetes.io/part-of (l’application) aux métadonnées, et au modèle de pod des workloads.',
  check(objects) {
    const out: PolicyViolation[] = [];
    const missingIn = (labels: Record<string, unknown>) => REQUIRED_LABELS.filter((l) => !labels[l]);
    const checkOwn = (object: KubeObject) => {
      const own = missingIn(labelsOf(object));
      if (own.length > 0) out.push(violation('recommended-labels', object, `${labelOf(object)} : étiquettes manquantes : ${own.join(', ')}.`));
    };
    for (const { object, workload } of workloadsOf(objects)) {
      checkOwn(object);
      const pod = missingIn(workload.template.labels);
      if (pod.length > 0)
        out.push(
          violation('recommended-labels', object, `${labelOf(object)} : étiquettes manquantes sur le modèle de pod : ${pod.join(', ')}.`),
        );
    }
    for (const object of objects)
      if (isKind(object, '', 'Service') || isKind(object, 'networking.k8s.io', 'Ingress')) checkOwn(object);
    return out;
  },
};

/**
 * Other engines' policies (Cilium, Calico…, the registry's `networkPolicy` kinds): their default-deny semantics differ
 * from Kubernetes' own, so a namespace that has one counts as covered rather than being flagged on a reading we cannot
 * make; one that applies to the whole cluster covers every namespace.
 */
const otherEnginePolicy = (object: KubeObject): 'namespace' | 'cluster' | undefined => entryOf(object)?.networkPolicy;

const networkPolicies: PolicyRule = {
  id: 'network-policy',
  code: 'FFE-W-NETWORKPOLICY-MISSING',
  severity: 'warning',
  category: 'convention',
  title: 'Réseau fermé par défaut',
  description:
    'Tout namespace qui fait tourner des pods (workloads, bases CloudNativePG, sauvegardes k8up) contient une NetworkPolicy qui refuse tout trafic entrant et sortant, puis des règles explicites pour chaque flux permis. Un client ne peut ainsi joindre ni les autres clients ni leurs bases. Une politique Cilium ou Calico du namespace, ou une politique valable pour tout le cluster, en tient lieu.',
  hint: 'Ajoutez une NetworkPolicy au podSelector vide qui refuse tout (policyTypes: [Ingress, Egress]), puis ouvrez explicitement chaque flux nécessaire.',
  check(objects) {
    if (objects.some((o) => otherEnginePolicy(o) === 'cluster')) return [];
    // Workloads first: the example a message gives is a workload when the namespace has one.
    const podNamespaces = new Map<string, KubeObject>();
    for (const { object } of workloadsOf(objects)) {
      const ns = namespaceOf(object);
      if (ns && !podNamespaces.has(ns)) podNamespaces.set(ns, object);
    }
    for (const object of objects) {
      const ns = namespaceOf(object);
      if (ns && !podNamespaces.has(ns) && runsPods(object)) podNamespaces.set(ns, object);
    }
    const denied = new Map<string, Set<string>>();
    for (const object of objects) {
      const ns = namespaceOf(object);
      if (!ns) continue;
      const set = denied.get(ns) ?? new Set<string>();
      if (otherEnginePolicy(object)) ['Ingress', 'Egress'].forEach((d) => set.add(d));
      else if (isKind(object, 'networking.k8s.io', 'NetworkPolicy')) defaultDenyDirections(networkPolicyOf(object)).forEach((d) => set.add(d));
      denied.set(ns, set);
    }
    const out: PolicyViolation[] = [];
    for (const [ns, example] of [...podNamespaces].sort(([a], [b]) => compareText(a, b))) {
      const set = denied.get(ns) ?? new Set<string>();
      const missing = ['Ingress', 'Egress'].filter((d) => !set.has(d));
      if (missing.length === 0) continue;
      const what = missing.length === 2 ? 'entrant et sortant' : missing[0] === 'Ingress' ? 'entrant' : 'sortant';
      out.push({
        rule: 'network-policy',
        group: '',
        kind: 'Namespace',
        name: ns,
        message: `Le namespace « ${ns} » fait tourner des pods (${String(example.kind)} « ${nameOf(example)} ») sans NetworkPolicy qui refuse par défaut le trafic ${what}.`,
        seenIn: refOf(example),
      });
    }
    return out;
  },
};

const ingressTls: PolicyRule = {
  id: 'ingress-tls',
  code: 'FFE-W-INGRESS-TLS',
  severity: 'warning',
  category: 'convention',
  title: 'HTTPS par cert-manager',
  description:
    'Chaque Ingress sert tous ses noms en TLS, avec un certificat délivré par un émetteur cert-manager déclaré dans le dépôt (annotation cert-manager.io/cluster-issuer).',
  hint: 'Couvrez chaque nom servi par spec.tls (hosts et secretName) et annotez l’Ingress cert-manager.io/cluster-issuer avec un ClusterIssuer déclaré dans le dépôt.',
  check(objects) {
    const clusterIssuers = new Set(objects.filter((o) => isKind(o, 'cert-manager.io', 'ClusterIssuer')).map(nameOf));
    const issuers = new Set(
      objects.filter((o) => isKind(o, 'cert-manager.io', 'Issuer')).map((o) => `${namespaceOf(o)}/${nameOf(o)}`),
    );
    const out: PolicyViolation[] = [];
    for (const object of objects) {
      if (!isKind(object, 'networking.k8s.io', 'Ingress')) continue;
      const flag = (message: string) => out.push(violation('ingress-tls', object, `${labelOf(object)} : ${message}`));
      const route = parseIngress(object, namespaceOf(object));
      const covered = new Set(route.tls.filter((t) => t.secretName).flatMap((t) => t.hosts ?? []));
      const uncovered = route.hosts.filter((h) => !covered.has(h));
      if (route.tls.length === 0) flag('aucune section tls, le site est servi en clair.');
      else if (uncovered.length > 0) flag(`noms servis sans certificat TLS : ${uncovered.join(', ')}.`);
      const issuer = route.issuer;
      if (!issuer) flag('aucune annotation cert-manager.io/cluster-issuer, le certificat ne sera jamais délivré.');
      else if (issuer.kind === 'ClusterIssuer' && !clusterIssuers.has(issuer.name)) flag(`le ClusterIssuer « ${issuer.name} » n’est déclaré nulle part.`);
      else if (issuer.kind === 'Issuer' && !issuers.has(`${namespaceOf(object)}/${issuer.name}`))
        flag(`l’Issuer « ${issuer.name} » n’existe pas dans ce namespace.`);
    }
    return out;
  },
};

/**
 * The keys of a Secret whose value is a real value readable in the repository: not SOPS ciphertext, not a reference to
 * a secret manager, not a placeholder filled in at deployment.
 */
function plaintextKeys(secret: KubeObject): string[] {
  if (hasSopsMetadata(secret)) return [];
  const plaintext = secretValuesOf(secret).filter(({ field, value }) => {
    // A data value that is not base64 is read as written: `${PASSWORD}` is substituted before it reaches the cluster.
    const text = secretValueText(field, value) ?? (value === null || value === undefined ? '' : String(value));
    return !isSecretReference(text);
  });
  return [...new Set(plaintext.map((v) => v.key))].sort(compareText);
}

const noPlaintextSecret: PolicyRule = {
  id: 'no-plaintext-secret',
  code: 'FFE-E-SECRET-PLAINTEXT',
  severity: 'error',
  // A secret in clear in Git is a leak on any repository, not a house rule.
  category: 'breakage',
  title: 'Aucun secret en clair',
  description:
    'Aucun objet Secret avec des données en clair n’est versionné : les secrets sont chiffrés en SealedSecret, que seul le contrôleur du cluster sait ouvrir (un Secret chiffré par SOPS est aussi accepté). Une valeur qui n’est qu’une référence à un gestionnaire de secrets (op://…, vault:…, ref+…, <path:…>) ou une variable remplie au déploiement (${…}) ne révèle rien.',
  hint: 'Chiffrez-le (SealedSecret, SOPS) ou faites-le produire par un opérateur (External Secrets), puis retirez ces valeurs de l’historique Git.',
  check(objects) {
    const out: PolicyViolation[] = [];
    for (const object of objects) {
      if (!isKind(object, '', 'Secret')) continue;
      // What Git holds: values Flux substitutes at deployment come from elsewhere.
      const keys = plaintextKeys(writtenForm(object));
      if (keys.length > 0)
        out.push(
          violation('no-plaintext-secret', object, `Le Secret ${nameOf(object)} contient des données en clair dans le dépôt (${keys.join(', ')}).`),
        );
    }
    return out;
  },
};

/** The rules, for a repository whose exemption annotations use `context.annotationPrefix`. */
export function policyRules(context: PolicyContext = {}): readonly PolicyRule[] {
  return [
    imagePinned,
    resourceRequests,
    memoryLimit,
    probes,
    securityContextRule(exemptionAnnotations(context.annotationPrefix)),
    recommendedLabels,
    networkPolicies,
    ingressTls,
    noPlaintextSecret,
  ];
}

export const POLICY_RULES: readonly PolicyRule[] = policyRules();
