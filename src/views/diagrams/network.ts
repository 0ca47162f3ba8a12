// Network flows the NetworkPolicies allow, drawn in three rows: what may enter the protected namespaces (top), the
// protected namespaces (middle), where they may go (bottom). Parallel rules between two ends are one edge; namespaces
// whose rules are the same share a frame and one edge per flow; ports written once on a peer when all its flows use
// them; flows inside a namespace are written in its node.
import { compareText, plural, type Model } from '../../infra/index.ts';
import { slug, type DiagramEdge, type DiagramGroup, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { envContext, uniqueSorted } from '../context.ts';
import { flowEndLabel, isolatedNamespaces, networkFlows, type FlowEnd } from '../network.ts';
import { namespacePath } from '../paths.ts';
import { diagramView, listText, sizeText } from './shared.ts';

/** Ports a reader recognises by name; the others keep their number. */
const PORT_NAMES: Record<string, string> = {
  '22': 'SSH',
  '25': 'SMTP',
  '53': 'DNS',
  '80': 'HTTP',
  '443': 'HTTPS',
  '465': 'SMTPS',
  '587': 'SMTP',
  '3306': 'MySQL',
  '5432': 'PostgreSQL',
  '6379': 'Redis',
  '6443': 'API Kubernetes',
};

const PORTS_LINE = 18;

/** « 80/TCP » before « 443/TCP », named ports (« http/TCP ») last. */
function byPortNumber(a: string, b: string): number {
  const number = (p: string) => (/^\d/.test(p) ? parseInt(p, 10) : Number.MAX_SAFE_INTEGER);
  return number(a) - number(b) || compareText(a, b);
}

/**
 * « DNS », « HTTPS, SMTP, » over « API Kubernetes », « port http », « tous ports »: names before numbers, lines of
 * about 18 characters so that a node stays narrow.
 */
export function portsText(ports: readonly string[]): string {
  if (ports.includes('tous')) return 'tous ports';
  // By port number (named ports last), then one entry per name: 53/TCP and 53/UDP are one « DNS ».
  const sorted = [...ports].sort(byPortNumber);
  const all = [
    ...new Set(
      sorted.map((p) => {
        const [port, protocol] = p.split('/');
        return PORT_NAMES[port] ?? (/^\d/.test(port) ? `${port}/${protocol}` : `port ${port}`);
      }),
    ),
  ];
  const shown = all.length > 4 ? [...all.slice(0, 3), `+${all.length - 3}`] : all;
  const out: string[] = [];
  for (const item of shown) {
    const last = out.length - 1;
    if (last >= 0 && `${out[last]}, ${item}`.length <= PORTS_LINE) out[last] = `${out[last]}, ${item}`;
    else out.push(item);
  }
  return out.join(',\n');
}

/** The exact ports, for the text version, named when a reader knows them: « DNS (53/TCP et 53/UDP) ». */
export function portsMeaning(ports: readonly string[]): string {
  if (ports.includes('tous')) return 'sur tous les ports';
  const byName = new Map<string, string[]>();
  for (const p of [...ports].sort(byPortNumber)) {
    const [port, protocol] = p.split('/');
    const name = PORT_NAMES[port] ?? (/^\d/.test(port) ? p : `le port ${port}${protocol && protocol !== 'TCP' ? ` (${protocol})` : ''}`);
    byName.set(name, [...(byName.get(name) ?? []), p]);
  }
  const items = [...byName].map(([name, exact]) => (PORT_NAMES[exact[0].split('/')[0]] ? `${name} (${listText(exact)})` : name));
  return `sur ${listText(items)}`;
}

/**
 * « 4 espaces de noms, mêmes règles »: what the frame's namespaces share, and how many they are, which tells frames
 * apart; two frames of the same size are titled with their namespaces instead.
 */
export function sameRulesTitle(namespaces: readonly string[], frames: readonly (readonly string[])[]): string {
  const sameSize = frames.filter((f) => f.length === namespaces.length).length > 1;
  return sameSize ? `Mêmes règles : ${listText(namespaces)}` : `${namespaces.length} espaces de noms\naux mêmes règles`;
}

interface Pair {
  from: FlowEnd;
  to: FlowEnd;
  ports: Set<string>;
}

export function networkDiagram(model: Model, envName: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const flows = networkFlows(ctx);
  const isolated = new Set(isolatedNamespaces(ctx));
  const isProtected = (end: FlowEnd) => end.startsWith('ns:') && isolated.has(end.slice(3));

  // One pair per (from, to), whichever side's rule allows it.
  const pairs = new Map<string, Pair>();
  for (const flow of flows) {
    const id = `${flow.from}\u0000${flow.to}`;
    const pair = pairs.get(id) ?? { from: flow.from, to: flow.to, ports: new Set<string>() };
    for (const p of flow.ports) pair.ports.add(p);
    pairs.set(id, pair);
  }

  // A peer that is not protected is drawn on the left when it may enter, on the right when it may be reached, and
  // once per set of ports, written in the node: the drawing reads left to right, with no label on its edges.
  const protectedEnds = uniqueSorted([...isolated].map((ns) => `ns:${ns}`));
  const inside = new Map<string, Set<string>>();
  const drawn: { from: string; to: string; ports: string[] }[] = [];
  const peers = new Map<string, DiagramNode>();
  const peer = (end: FlowEnd, side: 'from' | 'to', ports: string[]): string => {
    const text = portsText(ports);
    const key = `${side}:${end}#${text}`;
    const ns = end.startsWith('ns:') ? end.slice(3) : undefined;
    peers.set(key, {
      key,
      label: flowEndLabel(end).replace(/^Internet \((0\.0\.0\.0|::)\/0\)$/, 'Internet'),
      detail: text,
      cls: ns ? 'other' : 'external',
      ...(ns ? { href: namespacePath(env.name, ns) } : { shape: 'stadium' as const }),
    });
    return key;
  };
  for (const pair of [...pairs.values()].sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to))) {
    const ports = uniqueSorted(pair.ports);
    if (pair.from === pair.to) inside.set(pair.from, new Set([...(inside.get(pair.from) ?? []), ...ports]));
    else if (isProtected(pair.from) && isProtected(pair.to)) drawn.push({ from: pair.from, to: pair.to, ports });
    else if (isProtected(pair.to)) drawn.push({ from: peer(pair.from, 'from', ports), to: pair.to, ports });
    else drawn.push({ from: pair.from, to: peer(pair.to, 'to', ports), ports });
  }

  // Protected namespaces with exactly the same flows share a frame: one edge per flow instead of one per namespace.
  const signature = new Map<string, string>();
  for (const end of protectedEnds) {
    const own = drawn.filter((d) => d.from === end || d.to === end).map((d) => (d.from === end ? `>${d.to}:${d.ports.join(',')}` : `<${d.from}:${d.ports.join(',')}`));
    signature.set(end, uniqueSorted(own).join('|'));
  }
  const classes = new Map<string, string[]>();
  for (const end of protectedEnds) classes.set(signature.get(end)!, [...(classes.get(signature.get(end)!) ?? []), end]);
  const shared = [...classes.values()].filter((members) => members.length > 1);
  const groups: DiagramGroup[] = [];
  const drawnAs = new Map<string, string>();
  for (const members of shared) {
    const key = `same:${members.join(',')}`;
    // A column of namespaces (LR inside the frame), titled so that two frames read apart.
    groups.push({ key, label: sameRulesTitle(members.map((m) => m.slice(3)), shared), direction: 'LR', namesMembers: true });
    for (const m of members) drawnAs.set(m, key);
  }

  const nodes: DiagramNode[] = [...peers.values()];
  for (const end of protectedEnds) {
    const ns = end.slice(3);
    const own = inside.get(end);
    nodes.push({
      key: end,
      label: ns,
      ...(own ? { detail: `interne : ${portsText([...own])}` } : {}),
      cls: 'policy',
      href: namespacePath(env.name, ns),
      ...(drawnAs.has(end) ? { group: drawnAs.get(end) } : {}),
    });
  }
  const edges = new Map<string, DiagramEdge>();
  for (const d of drawn) {
    const from = drawnAs.get(d.from) ?? d.from;
    const to = drawnAs.get(d.to) ?? d.to;
    // Only a flow between two protected namespaces has no peer node to carry its ports.
    const label = isProtected(d.from) && isProtected(d.to) ? { label: portsText(d.ports) } : {};
    // A frame of namespaces is a plural subject: « … (booking, newsletter) peuvent ouvrir … ».
    const verb = drawnAs.has(d.from) ? 'peuvent' : 'peut';
    edges.set(`${from}\u0000${to}`, { from, to, ...label, meaning: `${verb} ouvrir des connexions, ${portsMeaning(d.ports)}, vers` });
  }
  const edgeList = [...edges.values()];

  const graph: Graph = { nodes, edges: edgeList, groups, direction: 'LR', layout: 'elk' };
  const open = uniqueSorted(env.namespaces.filter((ns) => !isolated.has(ns)));
  const caption =
    (isolated.size > 0
      ? 'Au centre, les espaces de noms protégés par des règles réseau ; à gauche, ce qui peut y entrer ; à droite, où ils peuvent sortir, avec les ports permis. Tout autre flux vers eux ou depuis eux est refusé.'
      : 'Aucun espace de noms n’a de règle réseau : tous les flux sont permis.') +
    (open.length > 0 && isolated.size > 0 ? ` Sans règle réseau, donc sans restriction : ${listText(open)}.` : '');
  const description =
    `Flux réseau autorisés par les NetworkPolicies de l’environnement ${env.name} : ${plural(isolated.size, 'espace de noms protégé', 'espaces de noms protégés')}, ` +
    `${plural(pairs.size, 'couple origine-destination autorisé', 'couples origine-destination autorisés')} ; ${sizeText(graph)}. ${caption}`;
  return { ...diagramView(`network-${slug(env.name)}`, graph, `Flux réseau autorisés (${env.name})`, description), heading: 'Flux réseau autorisés', caption };
}
