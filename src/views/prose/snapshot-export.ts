// How to export a cluster for `npm run drift`, computed from the model: the kinds Git writes (plus the built-in ones
// people create by hand), a read-only ClusterRole allowed to list exactly those and nothing else — no Secret — and
// the kubectl commands. The contributing page shows them, so they follow the manifests.
import { compareText, definedKindOf, kindEntry, KINDS, type Model } from '../../infra/index.ts';

export interface ExportedResource {
  group: string;
  kind: string;
  /** The resource name the API and RBAC use (`deployments`, `networkpolicies`). */
  resource: string;
}

export interface SnapshotExport {
  resources: ExportedResource[];
  /** The argument of `kubectl get`: `deployments.apps,services,…`. */
  kinds: string;
  environments: string[];
  /** ServiceAccount, read-only ClusterRole and its binding, as YAML. */
  rbac: string;
  /** The commands, from the account's token to the export file. */
  commands: string;
  /** The same export with Secret names and keys, their values blanked before they reach the disk (needs jq). */
  secretsCommand: string;
}

/** The resource name of a kind, as the API server names it (the CRDs of the model say so for theirs). */
export function resourceNameOf(kind: string, crdPlurals: ReadonlyMap<string, string> = new Map(), group = ''): string {
  const declared = crdPlurals.get(`${group}/${kind}`);
  if (declared) return declared;
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

function crdPlurals(model: Model): Map<string, string> {
  const plurals = new Map<string, string>();
  for (const env of model.environments) {
    for (const resource of env.resources) {
      const defined = definedKindOf(resource);
      if (defined?.plural) plurals.set(`${defined.group}/${defined.kind}`, defined.plural);
    }
  }
  return plurals;
}

/** A YAML flow sequence folded to stay readable on a phone: `resources: [a, b,` then the rest, aligned. */
function flowList(head: string, items: readonly string[], width = 56): string[] {
  const lines: string[] = [];
  let line = `${head}[`;
  items.forEach((item, index) => {
    const piece = `${item}${index < items.length - 1 ? ',' : ']'}`;
    if (line.length + piece.length + 1 > width && !line.endsWith('[')) {
      lines.push(line);
      line = `${' '.repeat(head.length + 1)}${piece}`;
    } else line += `${line.endsWith('[') ? '' : ' '}${piece}`;
  });
  lines.push(line);
  return lines;
}

/** `defaultEnv`: the environment the commands name first (the site's default), else the first one found. */
export function snapshotExport(model: Model, defaultEnv?: string): SnapshotExport {
  const plurals = crdPlurals(model);
  const seen = new Map<string, ExportedResource>();
  const add = (group: string, kind: string): void => {
    // Never: values (Secret), or noise a rule would set aside anyway (the registry's `export`).
    if (kindEntry(group, kind)?.export === 'never' || seen.has(`${group}/${kind}`)) return;
    seen.set(`${group}/${kind}`, { group, kind, resource: resourceNameOf(kind, plurals, group) });
  };
  for (const env of model.environments) for (const r of env.resources) add(r.id.group, r.id.kind);
  // Kinds often created by hand: exported even when Git has none, so that such objects are found.
  for (const entry of KINDS) if (entry.export === 'always') add(entry.group, entry.kind);
  const resources = [...seen.values()].sort((a, b) => compareText(a.group, b.group) || compareText(a.resource, b.resource));
  const kinds = resources.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)).join(',');
  const byGroup = new Map<string, string[]>();
  for (const r of resources) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r.resource]);
  const rules = [...byGroup.entries()].flatMap(([group, names]) => [
    `  - apiGroups: [${JSON.stringify(group)}]`,
    ...flowList('    resources: ', names),
    '    verbs: [get, list]',
  ]);
  const rbac = [
    '# Un compte qui lit, sans rien changer ni voir de Secret.',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: ffe-drift',
    '---',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: ffe-drift',
    '  namespace: ffe-drift',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRole',
    'metadata:',
    '  name: ffe-drift-lecture',
    'rules:',
    ...rules,
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRoleBinding',
    'metadata:',
    '  name: ffe-drift-lecture',
    'roleRef:',
    '  apiGroup: rbac.authorization.k8s.io',
    '  kind: ClusterRole',
    '  name: ffe-drift-lecture',
    'subjects:',
    '  - kind: ServiceAccount',
    '    name: ffe-drift',
    '    namespace: ffe-drift',
  ].join('\n');

  const environments = model.environments.map((e) => e.name);
  const envLine = `ENV=${defaultEnv ?? environments[0] ?? '<environnement>'}   # l’environnement de ce cluster${environments.length > 1 ? ` : ${environments.join(', ')}` : ''}`;
  // One line per API group (the same groups as the ClusterRole's rules), appended into one argument.
  const kindsLines = [...byGroup.entries()].map(([group, names], index) => `KINDS${index === 0 ? '' : '+'}=${index === 0 ? '' : ','}${names.map((n) => (group ? `${n}.${group}` : n)).join(',')}`);
  const commands = [
    '# Une fois, avec un compte administrateur : le compte en lecture seule (ffe-drift.yaml ci-dessus).',
    'kubectl apply -f ffe-drift.yaml',
    '',
    '# À chaque export, encore avec le compte administrateur : un jeton valable une heure…',
    "SERVER=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')",
    "kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > ffe-drift-ca.crt",
    'TOKEN=$(kubectl create token ffe-drift -n ffe-drift --duration=1h)',
    '# … puis un kubeconfig qui ne sert qu’à lire : tout ce qui suit se fait avec le compte en lecture seule.',
    'export KUBECONFIG=$PWD/ffe-drift.kubeconfig',
    'kubectl config set-cluster ffe --server="$SERVER" --certificate-authority=ffe-drift-ca.crt --embed-certs',
    'kubectl config set-credentials ffe-drift --token="$TOKEN"',
    'kubectl config set-context ffe-drift --cluster=ffe --user=ffe-drift',
    'kubectl config use-context ffe-drift',
    '',
    envLine,
    ...kindsLines,
    '{ echo "# Export du cluster $ENV, $(date -u +%Y-%m-%dT%H:%M:%SZ)"; kubectl get "$KINDS" -A -o yaml; } > "$ENV.yaml"',
    'npm run drift -- "$ENV.yaml"',
  ].join('\n');
  const secretsCommand = [
    '# Avec un compte qui peut lister les Secrets : leurs noms et leurs clés, valeurs effacées avant d’arriver sur le disque.',
    `kubectl get "$KINDS,secrets" -A -o json \\`,
    `  | jq '.items |= map(if .kind == "Secret" then (.data |= ((. // {}) | map_values(""))) | del(.stringData, .metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]) else . end)' \\`,
    '  > "$ENV.json"',
  ].join('\n');
  return { resources, kinds, environments, rbac, commands, secretsCommand };
}
