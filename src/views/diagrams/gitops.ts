// GitOps as a reader would draw it on a whiteboard: the Flux Kustomizations in their `dependsOn` chain, each a frame
// holding its Helm releases (chart, version, repository) and one node per namespace it fills. The Git source and the
// Kustomization that creates the others are named once in the caption instead of being drawn as N edges.
import { compareText, fluxKustomizationOf, fluxSourceOf, generatedArtifactsOf, kindEntry, kindLabel, plural, resourcesOfKind, type Model, type Resource } from '../../infra/index.ts';
import { slug, type DiagramEdge, type DiagramGroup, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { envContext, out, resourceNode, uniqueSorted, type EnvContext } from '../context.ts';
import { fluxOrder } from '../flux.ts';
import { fluxSteps } from '../prose/flux-steps.ts';
import { environmentPath, namespacePath, parseResourceKey } from '../paths.ts';
import { gridEdges } from './grid.ts';
import { diagramView, lines, listText, sizeText, splitAtSlash } from './shared.ts';


/** A resource key of a source Flux fetches from (a Git, Helm or OCI repository, a bucket). */
function isFluxSource(key: string): boolean {
  const { group, kind } = parseResourceKey(key);
  return kindEntry(group, kind)?.fluxSource === true;
}

const KS_PREFIX = 'ks:';
export const gitopsGroupKey = (ks: string): string => `${KS_PREFIX}${ks}`;

/** Where a source fetches from: a Git or OCI URL, a Helm repository URL, a bucket. */
function sourceUrl(resource: Resource | undefined): string | undefined {
  return resource ? fluxSourceOf(resource.object).url : undefined;
}

/** The ArtifactGenerator of the environment that assembles an ExternalArtifact, when one does. */
function generatorOf(ctx: EnvContext, name: string, namespace: string | undefined): Resource | undefined {
  return resourcesOfKind(ctx.env, 'ArtifactGenerator').find((g) =>
    generatedArtifactsOf(g).some((a) => a.name === name && (a.namespace ?? g.id.namespace) === namespace),
  );
}

function sourceText(ctx: EnvContext, key: string): string {
  const id = parseResourceKey(key);
  const url = sourceUrl(ctx.env.byKey.get(key));
  const kind = kindLabel(id);
  const label = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}`;
  return `${/^[aeiouéèêh]/i.test(label) ? 'l’' : 'le '}${label} ${id.name}${url ? ` (${url})` : ''}`;
}

/**
 * A Helm release as its chart reads: « cert-manager v1.19.1 » over « dépôt jetstack », and the releases it waits
 * for inside its Kustomization (written, not drawn: the chain of Kustomizations is this diagram's one idea).
 */
function releaseNode(ctx: EnvContext, release: Resource, group: string, waitsFor: string[]): DiagramNode {
  const component = ctx.model.components.find((c) => c.resource === release.key);
  const chart = component?.chart ?? release.id.name;
  const repository = out(ctx, release.key, 'source').map((s) => parseResourceKey(s.to).name)[0];
  const title = `${chart}${component?.version ? ` ${component.version}` : ''}`;
  const named = chart === release.id.name ? title : `${release.id.name} : ${title}`;
  return {
    ...resourceNode(ctx, release.key),
    label: named,
    detail: lines(repository && `dépôt ${repository}`, waitsFor.length > 0 && `attend ${listText(waitsFor)}`) || undefined,
    shape: 'hexagon',
    group,
  };
}

/**
 * A Kustomization's frame: the folder it applies first (its key sorts before the releases'), then one node per
 * namespace it fills, and the Kustomizations of the chain it waits for.
 */
function kustomizationFrame(ctx: EnvContext, ks: Resource, targets: string[], allKeys: Set<string>, chainKeys: Set<string>): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const group = gitopsGroupKey(ks.key);
  const flux = fluxKustomizationOf(ks.object);
  // Through an artifact, the folder of this repository its copy rules fill it from.
  const copied = ctx.env.artifactFolders?.find((a) => a.deployer === ks.key);
  const path = copied ? copied.folder : flux.pathWritten ? flux.path.replace(/^\.\//, '') : undefined;
  const label = path ? lines('applique le dossier', splitAtSlash(path), copied && `(artefact ${copied.artifact})`) : 'Kustomization';
  const nodes: DiagramNode[] = [{ ...resourceNode(ctx, ks.key), key: `${group}#folder`, label, shape: 'rect', group }];
  const perNamespace = new Map<string, number>();
  for (const target of targets) {
    const id = parseResourceKey(target);
    if (id.kind === 'HelmRelease' || allKeys.has(target)) continue;
    const ns = id.namespace ?? '';
    perNamespace.set(ns, (perNamespace.get(ns) ?? 0) + 1);
  }
  for (const [ns, count] of [...perNamespace].sort(([a], [b]) => compareText(a, b))) {
    nodes.push({
      // After the releases in key order, so each frame lists its charts first.
      key: `${ks.key}#ns:${ns}`,
      label: `${ns || 'niveau cluster'} : ${plural(count, 'ressource')}`,
      cls: 'other',
      shape: 'stadium',
      group,
      href: namespacePath(ctx.env.name, ns || undefined),
    });
  }
  const external = ctx.env.externalSources?.find((u) => u.deployer === ks.key);
  if (external) {
    const { kind, name, url, ref } = external.source;
    nodes.push({
      key: `${group}#external`,
      label: lines(`source extérieure : ${kind} ${name}`, url && splitAtSlash(url), ref),
      detail: 'contenu non lu dans ce dépôt',
      cls: 'other',
      shape: 'rect',
      group,
    });
  }
  const elsewhere = ctx.env.appliedElsewhere?.find((a) => a.deployer === ks.key);
  if (elsewhere) {
    nodes.push({
      key: `${group}#cluster`,
      label: lines(`appliqué au cluster ${elsewhere.env}`, '(spec.kubeConfig)'),
      cls: 'other',
      shape: 'stadium',
      group,
      href: environmentPath(elsewhere.env),
    });
  }
  const edges: DiagramEdge[] = [];
  for (const dependency of out(ctx, ks.key, 'depends-on')) {
    if (!chainKeys.has(dependency.to)) continue;
    edges.push({ from: gitopsGroupKey(dependency.to), to: group, meaning: 'doit être prête avant que Flux applique' });
  }
  return { nodes, edges };
}

/**
 * A release waiting for one of another Kustomization: the chain usually orders them already; when it does not, the
 * edge is drawn (the truth before the picture). Waits inside one Kustomization are written in the node.
 */
function crossReleaseEdges(ctx: EnvContext, releases: readonly Resource[], groupOf: Map<string, string>): DiagramEdge[] {
  const before = (dependency: string, dependant: string): boolean => {
    const seen = new Set<string>();
    const stack = [dependant];
    while (stack.length > 0) {
      for (const d of out(ctx, stack.pop()!, 'depends-on')) {
        if (d.to === dependency) return true;
        if (seen.has(d.to)) continue;
        seen.add(d.to);
        stack.push(d.to);
      }
    }
    return false;
  };
  const edges: DiagramEdge[] = [];
  for (const release of releases) {
    const to = groupOf.get(release.key);
    for (const dependency of out(ctx, release.key, 'depends-on')) {
      const from = groupOf.get(dependency.to);
      if (!to || !from || from === to || before(from.slice(KS_PREFIX.length), to.slice(KS_PREFIX.length))) continue;
      edges.push({ from: dependency.to, to: release.key, meaning: 'doit être installée avant' });
    }
  }
  return edges;
}

export function gitopsDiagram(model: Model, envName: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const all = fluxOrder(model, envName);
  const allKeys = new Set(all.map((r) => r.key));
  const deployed = new Map<string, string[]>(all.map((ks) => [ks.key, out(ctx, ks.key, 'deploys').map((d) => d.to)]));
  // A Kustomization that only creates other Kustomizations and their sources (`flux bootstrap`'s flux-system) is
  // the chain's starting point, not a step of it: the caption names it.
  const isCreator = (ks: Resource): boolean => {
    const targets = deployed.get(ks.key) ?? [];
    return (
      targets.some((t) => allKeys.has(t)) &&
      targets.every((t) => allKeys.has(t) || isFluxSource(t)) &&
      out(ctx, ks.key, 'depends-on').length === 0 &&
      // One that others wait for is a step of the chain (kyverno before its policies), whatever it deploys.
      !all.some((other) => out(ctx, other.key, 'depends-on').some((d) => d.to === ks.key))
    );
  };
  const creators = all.filter(isCreator);
  const chain = all.filter((ks) => !creators.includes(ks));
  const chainKeys = new Set(chain.map((r) => r.key));

  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const groups: DiagramGroup[] = [];
  const groupOf = new Map<string, string>();
  for (const ks of chain) {
    const group = gitopsGroupKey(ks.key);
    groups.push({ key: group, label: `Kustomization ${ks.id.name}`, direction: 'LR' });
    for (const target of deployed.get(ks.key) ?? []) groupOf.set(target, group);
  }

  const releases = resourcesOfKind(env, 'HelmRelease', ['helm.toolkit.fluxcd.io']);
  // Releases no Kustomization of the chain applies (applied by hand, or by a creator) keep a frame of their own.
  const LOOSE = KS_PREFIX;
  for (const release of releases) if (!groupOf.has(release.key)) groupOf.set(release.key, LOOSE);
  for (const release of releases) {
    const group = groupOf.get(release.key)!;
    const waitsFor = out(ctx, release.key, 'depends-on')
      .filter((d) => groupOf.get(d.to) === group)
      .map((d) => parseResourceKey(d.to).name);
    nodes.push(releaseNode(ctx, release, group, waitsFor));
  }
  if (releases.some((r) => groupOf.get(r.key) === LOOSE)) groups.push({ key: LOOSE, label: 'Releases Helm hors de la chaîne', direction: 'LR' });

  for (const ks of chain) {
    const frame = kustomizationFrame(ctx, ks, deployed.get(ks.key) ?? [], allKeys, chainKeys);
    nodes.push(...frame.nodes);
    edges.push(...frame.edges);
  }
  edges.push(...crossReleaseEdges(ctx, releases, groupOf));

  const graph: Graph = { nodes, edges, groups, direction: 'TB', layout: 'dagre' };
  const sources = uniqueSorted(all.flatMap((ks) => out(ctx, ks.key, 'source').map((s) => s.to)));
  const caption = gitopsCaption(ctx, creators, chain, sources, deployed);
  const names = chainOrderText(ctx, chain);
  const description =
    `Déploiement GitOps de l’environnement ${env.name} : ${plural(chain.length, 'Kustomization Flux', 'Kustomizations Flux')}` +
    (names ? ` appliquées dans l’ordre ${names}` : '') +
    `, chacune dans un cadre avec ${releases.length > 0 ? `ses releases Helm (${plural(releases.length, 'release', 'releases')} en tout) et ` : ''}les espaces de noms qu’elle remplit ; ` +
    `${sizeText(graph)}. ${caption}`;
  const id = `gitops-${slug(env.name)}`;
  const title = `GitOps : ce que Flux déploie dans l’environnement ${env.name}`;
  const heading = 'GitOps : ce que Flux déploie';
  const waves = stepsOf(model, envName, chain);
  const loose = releases.filter((r) => groupOf.get(r.key) === LOOSE);
  const coarse = (suffix: string, level: WaveLevel): DiagramView => {
    const drawn = waveGraph(ctx, waves, deployed, loose, level);
    const text =
      `Déploiement GitOps de l’environnement ${env.name}, étape par étape : ${plural(chain.length, 'Kustomization Flux', 'Kustomizations Flux')} ` +
      `appliquées étape par étape, chacune attendant celles dont elle dépend (dependsOn) et celle qui la déclare ; ${WAVE_LEVEL_TEXT[level]} ; ${sizeText(drawn)}. ${caption}`;
    return { ...diagramView(`${id}--${suffix}`, drawn, title, text), heading, caption: `${WAVE_LEVEL_CAPTION[level]} ${caption}`.trim() };
  };
  return {
    ...diagramView(id, graph, title, description),
    heading,
    caption,
    coarser: [coarse('etapes', 'kustomizations'), coarse('espaces-de-noms', 'namespaces'), coarse('resume', 'waves')],
  };
}

/** How much of each step the coarser GitOps drawings show: each Kustomization, each namespace, or only a count. */
type WaveLevel = 'kustomizations' | 'namespaces' | 'waves';

const WAVE_LEVEL_TEXT: Record<WaveLevel, string> = {
  kustomizations: 'chaque Kustomization est un nœud qui mène à sa page',
  namespaces: 'dans chaque étape, un nœud par espace de noms compte ses Kustomizations et mène à sa page',
  waves: 'chaque étape est résumée en un nœud',
};

const WAVE_LEVEL_CAPTION: Record<WaveLevel, string> = {
  kustomizations: 'Un cadre par étape, de haut en bas ; chaque Kustomization mène à sa page, qui dessine ce qu’elle déploie.',
  namespaces: 'Un cadre par étape, de haut en bas ; chaque espace de noms mène à sa page.',
  waves: 'Une étape par nœud, de haut en bas ; le détail est dans la version texte et le schéma détaillé.',
};

/** « 3 charts · 12 ressources »: what a Kustomization applies, counted. */
function appliedText(targets: readonly string[], allKeys: ReadonlySet<string>): string | undefined {
  const ids = targets.map(parseResourceKey);
  const charts = ids.filter((id) => id.kind === 'HelmRelease').length;
  const kustomizations = targets.filter((t) => allKeys.has(t)).length;
  const others = ids.length - charts - kustomizations;
  const parts = [charts > 0 && plural(charts, 'chart'), kustomizations > 0 && plural(kustomizations, 'Kustomization', 'Kustomizations'), others > 0 && plural(others, 'ressource')];
  return parts.filter(Boolean).join(' · ') || undefined;
}

/**
 * The chain drawn step by step, top to bottom: a frame per wave, its members in rows that fit the column, an arrow
 * from each step to the next; at the `namespaces` level a step counts its Kustomizations per namespace, at the `waves`
 * level the step is one node.
 */
function waveGraph(ctx: EnvContext, waves: readonly Step[], deployed: ReadonlyMap<string, string[]>, loose: readonly Resource[], level: WaveLevel): Graph {
  const allKeys = new Set([...deployed.keys()]);
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const groups: DiagramGroup[] = [];
  const frameOf = (index: number) => `wave:${String(index).padStart(3, '0')}`;
  waves.forEach(({ number, members: wave }, index) => {
    const frame = frameOf(index);
    const members: DiagramNode[] = [];
    if (level === 'kustomizations') {
      for (const ks of wave) members.push({ ...resourceNode(ctx, ks.key), label: ks.id.name, detail: appliedText(deployed.get(ks.key) ?? [], allKeys), shape: 'rect', group: frame });
    } else {
      const byNamespace = new Map<string, number>();
      for (const ks of wave) byNamespace.set(ks.id.namespace ?? '', (byNamespace.get(ks.id.namespace ?? '') ?? 0) + 1);
      const perNamespace = level === 'namespaces' ? [...byNamespace].sort(([a], [b]) => compareText(a, b)) : [['', wave.length] as [string, number]];
      for (const [ns, count] of perNamespace) {
        const named = level === 'namespaces';
        members.push({
          key: `${frame}#${ns}`,
          label: named ? ns || 'niveau cluster' : plural(count, 'Kustomization', 'Kustomizations'),
          ...(named ? { detail: plural(count, 'Kustomization', 'Kustomizations'), href: namespacePath(ctx.env.name, ns || undefined) } : {}),
          cls: 'gitops',
          shape: 'stadium',
          group: frame,
        });
      }
    }
    nodes.push(...members);
    edges.push(...gridEdges(members));
    groups.push({ key: frame, label: `Étape ${number}`, direction: 'LR' });
    if (index > 0) edges.push({ from: frameOf(index - 1), to: frame, meaning: 'doit être prête avant que Flux applique' });
  });
  if (loose.length > 0) {
    const byNamespace = new Map<string, number>();
    for (const r of loose) byNamespace.set(r.id.namespace ?? '', (byNamespace.get(r.id.namespace ?? '') ?? 0) + 1);
    const members = [...byNamespace]
      .sort(([a], [b]) => compareText(a, b))
      .map(([ns, count]): DiagramNode => ({ key: `loose#${ns}`, label: ns || 'niveau cluster', detail: plural(count, 'release Helm', 'releases Helm'), cls: 'gitops', shape: 'hexagon', group: LOOSE_FRAME, href: namespacePath(ctx.env.name, ns || undefined) }));
    nodes.push(...members);
    edges.push(...gridEdges(members));
    groups.push({ key: LOOSE_FRAME, label: 'Releases Helm hors de la chaîne', direction: 'LR' });
    // Below the last step, rather than beside the first.
    if (waves.length > 0) edges.push({ from: frameOf(waves.length - 1), to: LOOSE_FRAME, invisible: true });
  }
  return { nodes, edges, groups, direction: 'TB', layout: 'dagre' };
}

const LOOSE_FRAME = 'loose';

/** The Kustomizations Flux applies in one step, with the step's number as the Flux steps list gives it. */
interface Step {
  number: number;
  members: Resource[];
}

/**
 * The chain's Kustomizations step by step, numbered as the Flux steps list numbers them (fluxSteps): a Kustomization
 * waits for those it depends on and for the one that declares it (the creators, left out of the drawing, are the
 * first step).
 */
function stepsOf(model: Model, envName: string, chain: readonly Resource[]): Step[] {
  const numbers = new Map(fluxSteps(model, envName).map((step) => [step.resource.key, step.wave]));
  const steps = new Map<number, Resource[]>();
  for (const ks of chain) {
    const number = numbers.get(ks.key) ?? 1;
    steps.set(number, [...(steps.get(number) ?? []), ks]);
  }
  return [...steps].sort(([a], [b]) => a - b).map(([number, members]) => ({ number, members }));
}

/**
 * The chain's Kustomizations wave by wave, as Flux applies them: the first wave waits for nothing of the chain, each
 * next one for the waves before it (`dependsOn`). A member of a cycle is put after what it waits for that is known.
 */
function wavesOf(ctx: EnvContext, chain: readonly Resource[]): Resource[][] {
  const keys = new Set(chain.map((r) => r.key));
  const wave = new Map<string, number>();
  for (const ks of chain) {
    const deps = out(ctx, ks.key, 'depends-on').filter((d) => keys.has(d.to));
    wave.set(ks.key, Math.max(0, ...deps.map((d) => (wave.get(d.to) ?? 0) + 1)));
  }
  const waves: Resource[][] = [];
  for (const ks of chain) (waves[wave.get(ks.key) ?? 0] ??= []).push(ks);
  return waves.filter(Boolean);
}

/** « infra-controllers, puis infra-configs, puis monitoring et apps »: one wave per step, as Flux applies them. */
function chainOrderText(ctx: EnvContext, chain: Resource[]): string {
  return wavesOf(ctx, chain)
    .map((wave) => listText(wave.map((ks) => ks.id.name)))
    .join(', puis ');
}

function gitopsCaption(ctx: EnvContext, creators: Resource[], chain: Resource[], sources: string[], deployed: Map<string, string[]>): string {
  const parts: string[] = [];
  const chainKeys = new Set(chain.map((ks) => ks.key));
  // Each creator with what it creates: all of the chain, or the few it declares (a Kustomization of an OCI source).
  const creations = creators.map((c) => {
    const made = (deployed.get(c.key) ?? []).filter((k) => chainKeys.has(k));
    const folder = fluxKustomizationOf(c.object);
    const where = folder.pathWritten ? ` (dossier ${folder.path})` : '';
    if (made.length === chain.length || made.length === 0) return { text: `${c.id.name}${where}`, all: true };
    const names = listText(made.map((k) => parseResourceKey(k).name));
    return { text: `La Kustomization ${c.id.name}${where} crée ${made.length > 1 ? 'les Kustomizations' : 'la Kustomization'} ${names}.`, all: false };
  });
  const ofAll = creations.filter((c) => c.all).map((c) => c.text);
  if (ofAll.length > 0) {
    parts.push(`${ofAll.length > 1 ? 'Les Kustomizations' : 'La Kustomization'} ${listText(ofAll)} ${ofAll.length > 1 ? 'créent' : 'crée'} les Kustomizations du schéma.`);
  }
  parts.push(...creations.filter((c) => !c.all).map((c) => c.text));
  // Artifacts one generator assembles are named together, after it.
  const byGenerator = new Map<string, string[]>();
  const texts: string[] = [];
  for (const key of sources) {
    const id = parseResourceKey(key);
    const generator = id.kind === 'ExternalArtifact' ? generatorOf(ctx, id.name, id.namespace) : undefined;
    if (generator) byGenerator.set(generator.id.name, [...(byGenerator.get(generator.id.name) ?? []), id.name]);
    else texts.push(sourceText(ctx, key));
  }
  for (const [generator, names] of byGenerator) {
    texts.push(`${names.length > 1 ? `les artefacts ${listText(names)}, assemblés` : `l’artefact ${names[0]}, assemblé`} par l’ArtifactGenerator ${generator}`);
  }
  const all = chain.length + creators.length > 1;
  if (texts.length > 0) parts.push(`${texts.length === 1 && all ? 'Toutes lisent' : texts.length === 1 ? 'Elle lit' : 'Elles lisent'} ${listText(texts)}.`);
  if (chain.some((ks) => out(ctx, ks.key, 'depends-on').length > 0)) {
    parts.push('Une flèche mène d’une Kustomization à celle qui attend qu’elle soit prête (dependsOn).');
  }
  return parts.join(' ');
}
