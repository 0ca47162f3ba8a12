import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { graphOfFlowchart } from '../../src/render/mermaid-graph.ts';
import { sourceTextVersion, textVersion } from '../../src/render/text-version.ts';
import type { Graph } from '../../src/views/diagram.ts';

const graph: Graph = {
  direction: 'TB',
  nodes: [
    { key: 'internet', label: 'Internet', cls: 'external' },
    { key: 'traefik', label: 'Contrôleur d’entrée traefik', cls: 'ingress', href: '/infra/production/kube-system/deployment/traefik/' },
    { key: 'web', label: 'Déploiement <web>', cls: 'workload', group: 'ns-web', href: '/infra/production/web/deployment/web/' },
    { key: 'db', label: 'Base web-db', cls: 'data', group: 'ns-data' },
  ],
  edges: [
    { from: 'internet', to: 'traefik', label: 'HTTPS', meaning: 'arrive par' },
    { from: 'traefik', to: 'web', label: 'rdv.ffe.fr' },
    { from: 'web', to: 'db' },
    { from: 'web', to: 'nowhere' },
  ],
  groups: [
    { key: 'ns-web', label: 'Espace de noms web' },
    { key: 'ns-data', label: 'Données', parent: 'ns-web' },
  ],
};

const html = toHtml(textVersion(graph));

describe('the text version of a diagram', () => {
  it('is a closed <details> whose summary counts the elements and links', () => {
    expect(html).toMatch(/^<details class="ffe-diagram__text"><summary>Version texte du schéma \(4\u00a0éléments, 3\u00a0liens\)<\/summary>/);
  });

  it('lists every node, linked to its page when it has one, under its group, nested as the groups are', () => {
    expect(html).toContain('<li>Internet</li>');
    expect(html).toContain('<li><a href="/infra/production/kube-system/deployment/traefik/">Contrôleur d’entrée traefik</a></li>');
    expect(html).toContain(
      '<li><strong>Espace de noms web</strong><ul><li><a href="/infra/production/web/deployment/web/">Déploiement &#x3C;web></a></li>' +
        '<li><strong>Données</strong><ul><li>Base web-db</li></ul></li></ul></li>',
    );
  });

  it('says each edge as a French sentence: its meaning, else its label, else where it goes', () => {
    expect(html).toContain('<li>«\u00a0Internet\u00a0» arrive par «\u00a0Contrôleur d’entrée traefik\u00a0».</li>');
    expect(html).toContain('<li>«\u00a0Contrôleur d’entrée traefik\u00a0» mène à «\u00a0Déploiement &#x3C;web>\u00a0» (rdv.ffe.fr).</li>');
    expect(html).toContain('<li>«\u00a0Déploiement &#x3C;web>\u00a0» mène à «\u00a0Base web-db\u00a0».</li>');
    expect(html).not.toContain('nowhere');
  });

  it('writes labels as text, never as markup', () => {
    expect(html).not.toContain('<web>');
  });

  it('reads a label the view broke over two lines as one, and names a group an edge ends on', () => {
    const broken = (namesMembers: boolean) =>
      toHtml(
        textVersion({
          nodes: [
            { key: 'a', label: 'Déploiement\ncalcom', cls: 'workload', href: '/a/' },
            { key: 'b', label: 'ConfigMap x', cls: 'config', group: 'g' },
          ],
          edges: [{ from: 'a', to: 'g', meaning: 'utilise' }],
          groups: [{ key: 'g', label: 'Utilisés par\ncalcom', namesMembers }],
        }),
      );
    expect(broken(false)).toContain('<li><a href="/a/">Déploiement calcom</a></li>');
    expect(broken(false)).toContain('<strong>Utilisés par calcom</strong>');
    expect(broken(false)).toContain('<li>«\u00a0Déploiement calcom\u00a0» utilise «\u00a0Utilisés par calcom\u00a0».</li>');
    // A frame titled by what its members share is named with them.
    expect(broken(true)).toContain('<li>«\u00a0Déploiement calcom\u00a0» utilise «\u00a0Utilisés par calcom\u00a0» (ConfigMap x).</li>');
  });

  describe('reads each node as a sentence would say it', () => {
    const read = toHtml(
      textVersion({
        nodes: [
          { key: 'release', label: 'plugin-barman-cloud 0.7.0', detail: 'dépôt cloudnative-pg\nattend cert-manager et cloudnative-pg', cls: 'gitops', href: '/r/' },
          { key: 'folder', label: 'applique le dossier\nmanifests/infrastructure/\ncontrollers/production', cls: 'gitops' },
          { key: 'peer', label: 'kube-system', detail: 'HTTP, HTTPS, SMTP,\nAPI Kubernetes', cls: 'other' },
          { key: 'store', label: 's3://ffe-backups/\npostgres/booking', cls: 'external' },
          { key: 'ks', label: 'Kustomization Flux infra-configs', detail: 'déploie 3 ressources\n(cluster, kube-system)', cls: 'gitops' },
        ],
        edges: [
          { from: 'release', to: 'peer', meaning: 'parle à' },
          { from: 'folder', to: 'store', meaning: 'écrit dans' },
        ],
        groups: [],
      }),
    );

    it('its name, then what the drawing writes under it after a dash, its lines joined by commas', () => {
      expect(read).toContain('<li><a href="/r/">plugin-barman-cloud 0.7.0</a> — dépôt cloudnative-pg, attend cert-manager et cloudnative-pg</li>');
      // A line that already ends a clause is followed by a space only.
      expect(read).toContain('<li>kube-system — HTTP, HTTPS, SMTP, API Kubernetes</li>');
      // And a line that opens a parenthesis goes on with the one before.
      expect(read).toContain('<li>Kustomization Flux infra-configs — déploie 3 ressources (cluster, kube-system)</li>');
    });

    it('a path or an address split after a slash read whole', () => {
      expect(read).toContain('<li>applique le dossier manifests/infrastructure/controllers/production</li>');
      expect(read).toContain('«\u00a0s3://ffe-backups/postgres/booking\u00a0»');
    });

    it('by its name alone in a sentence', () => {
      expect(read).toContain('<li>«\u00a0plugin-barman-cloud 0.7.0\u00a0» parle à «\u00a0kube-system\u00a0».</li>');
    });
  });

  it('tells apart two nodes of the same name by their frame', () => {
    const twins = toHtml(
      textVersion({
        nodes: [
          { key: 'a/schedule', label: 'Planning de sauvegarde\nvolumes', cls: 'data', group: 'a' },
          { key: 'b/schedule', label: 'Planning de sauvegarde\nvolumes', cls: 'data', group: 'b' },
          { key: 'a/pvc', label: 'Volume data', cls: 'data', group: 'a' },
          { key: 'b/pvc', label: 'Volume uploads', cls: 'data', group: 'b' },
        ],
        edges: [
          { from: 'a/schedule', to: 'a/pvc', meaning: 'sauvegarde' },
          { from: 'b/schedule', to: 'b/pvc', meaning: 'sauvegarde' },
        ],
        groups: [
          { key: 'a', label: 'Espace de noms status' },
          { key: 'b', label: 'Espace de noms newsletter' },
        ],
      }),
    );
    expect(twins).toContain('<li>«\u00a0Planning de sauvegarde volumes\u00a0» (Espace de noms status) sauvegarde «\u00a0Volume data\u00a0».</li>');
    expect(twins).toContain('<li>«\u00a0Planning de sauvegarde volumes\u00a0» (Espace de noms newsletter) sauvegarde «\u00a0Volume uploads\u00a0».</li>');
  });

  it('lists frames and says edges in the order the drawing reads, from where it starts', () => {
    // Keys sort the other way round: the chain, not the keys, gives the order.
    const chain = toHtml(
      textVersion({
        nodes: [
          { key: 'a', label: 'apps', cls: 'other', group: 'ks-a' },
          { key: 'c', label: 'configs', cls: 'other', group: 'ks-c' },
          { key: 'z', label: 'controllers', cls: 'other', group: 'ks-z' },
          { key: 'loose', label: 'à part', cls: 'other' },
        ],
        edges: [
          { from: 'ks-c', to: 'ks-a', meaning: 'précède' },
          { from: 'ks-z', to: 'ks-c', meaning: 'précède' },
        ],
        groups: [
          { key: 'ks-a', label: 'Kustomization apps' },
          { key: 'ks-c', label: 'Kustomization configs' },
          { key: 'ks-z', label: 'Kustomization controllers' },
        ],
      }),
    );
    const order = (...texts: string[]) => texts.map((t) => chain.indexOf(t));
    const frames = order('<strong>Kustomization controllers</strong>', '<strong>Kustomization configs</strong>', '<strong>Kustomization apps</strong>');
    expect(frames).toEqual([...frames].sort((a, b) => a - b));
    expect(frames[0]).toBeGreaterThan(-1);
    const sentences = order('«\u00a0Kustomization controllers\u00a0» précède', '«\u00a0Kustomization configs\u00a0» précède');
    expect(sentences[0]).toBeGreaterThan(-1);
    expect(sentences[0]).toBeLessThan(sentences[1]);
  });

  it('lists frames no edge orders as the view stacks them, and says sentences frame by frame', () => {
    const stacked = toHtml(
      textVersion({
        nodes: [
          { key: 'backup', label: 'Planning volumes', cls: 'data', group: 'part-a' },
          { key: 'secret', label: 'Secret dépôt', cls: 'secret', group: 'part-a' },
          { key: 'ingress', label: 'Ingress web', cls: 'ingress', group: 'part-b' },
          { key: 'service', label: 'Service web', cls: 'service', group: 'part-b' },
          { key: 'deploy', label: 'Déploiement web', cls: 'workload', group: 'part-b' },
          { key: 'rule', label: 'default-deny', cls: 'policy', group: 'rules' },
        ],
        edges: [
          { from: 'backup', to: 'secret', meaning: 'utilise' },
          { from: 'ingress', to: 'service', meaning: 'route vers' },
          { from: 'service', to: 'deploy', meaning: 'sélectionne' },
        ],
        // Keys sort a, b, rules; the drawing stacks the larger part first, the rules last.
        groups: [
          { key: 'part-a', label: 'Planning et ses liens', order: 1 },
          { key: 'part-b', label: 'Déploiement et ses liens', order: 0 },
          { key: 'rules', label: 'Règles réseau', order: 2 },
        ],
      }),
    );
    const at = (text: string) => stacked.indexOf(text);
    expect(at('Déploiement et ses liens')).toBeLessThan(at('Planning et ses liens'));
    expect(at('Planning et ses liens')).toBeLessThan(at('Règles réseau'));
    expect(at('sélectionne')).toBeLessThan(at('«\u00a0Planning volumes\u00a0» utilise'));
  });

  it('reads a node that only starts an edge just before what it leads to, not with the first row', () => {
    const late = toHtml(
      textVersion({
        nodes: [
          { key: 'yaml', label: 'Manifestes YAML', cls: 'other' },
          { key: 'mdx', label: 'Pages MDX', cls: 'other' },
          { key: 'model', label: 'Modèle', cls: 'other' },
          { key: 'views', label: 'Schémas', cls: 'other' },
          { key: 'site', label: 'Site statique', cls: 'other' },
        ],
        edges: [
          { from: 'yaml', to: 'model' },
          { from: 'mdx', to: 'site' },
          { from: 'model', to: 'views' },
          { from: 'views', to: 'site', label: 'aucune erreur' },
        ],
        groups: [],
      }),
    );
    const at = (text: string) => late.indexOf(text);
    expect(at('<li>Modèle</li>')).toBeLessThan(at('<li>Pages MDX</li>'));
    expect(at('<li>Pages MDX</li>')).toBeLessThan(at('<li>Site statique</li>'));
    expect(at('«\u00a0Modèle\u00a0» mène à «\u00a0Schémas\u00a0».')).toBeLessThan(at('«\u00a0Pages MDX\u00a0» mène à «\u00a0Site statique\u00a0».'));
    expect(late).toContain('<li>«\u00a0Schémas\u00a0» mène à «\u00a0Site statique\u00a0» (aucune erreur).</li>');
  });

  it('says nothing of an edge that only points the way its frame’s title says', () => {
    const arrows = toHtml(
      textVersion({
        nodes: [
          { key: 'self', label: 'Déploiement calcom', cls: 'workload' },
          { key: 'db', label: 'Cluster PostgreSQL booking-db', cls: 'data', group: 'uses' },
        ],
        edges: [{ from: 'self', to: 'out', meaning: '' }],
        groups: [{ key: 'out', label: 'Déploiement calcom pointe vers' }, { key: 'uses', label: 'utilise la base', parent: 'out' }],
      }),
    );
    expect(arrows).toContain('<summary>Version texte du schéma (2\u00a0éléments)</summary>');
    expect(arrows).not.toContain('Liens');
  });

  it('tells apart two frames of the same label an edge ends on, by what each holds', () => {
    const twins = toHtml(
      textVersion({
        nodes: [
          { key: 'dns', label: 'kube-system DNS', cls: 'service' },
          { key: 'booking', label: 'booking', cls: 'other', group: 'same-1' },
          { key: 'newsletter', label: 'newsletter', cls: 'other', group: 'same-1' },
          { key: 'docs', label: 'ffe-docs', cls: 'other', group: 'same-2' },
        ],
        edges: [
          { from: 'same-1', to: 'dns', meaning: 'peut joindre' },
          { from: 'same-2', to: 'dns', meaning: 'peut joindre' },
        ],
        groups: [
          { key: 'same-1', label: 'mêmes règles' },
          { key: 'same-2', label: 'mêmes règles' },
        ],
      }),
    );
    expect(twins).toContain('<li>«\u00a0mêmes règles\u00a0» (booking, newsletter) peut joindre «\u00a0kube-system DNS\u00a0».</li>');
    expect(twins).toContain('<li>«\u00a0mêmes règles\u00a0» (ffe-docs) peut joindre «\u00a0kube-system DNS\u00a0».</li>');
  });

  it('falls back to the mermaid source for a diagram whose graph cannot be read', () => {
    expect(toHtml(sourceTextVersion('sequenceDiagram\n  A->>B: <salut>\n'))).toBe(
      '<details class="ffe-diagram__text"><summary>Version texte du schéma (source mermaid)</summary><pre><code>sequenceDiagram\n  A->>B: &#x3C;salut></code></pre></details>',
    );
  });
});

describe('a graph read back from mermaid’s parser', () => {
  const read = graphOfFlowchart({
    direction: 'TD',
    vertices: [
      { id: 'a', text: 'Premier<br/>nœud' },
      { id: 'b', text: 'Second', link: '/page/' },
      { id: 'c', text: 'Piège', link: 'javascript:alert(1)' },
      { id: 'outer', text: 'outer' },
    ],
    edges: [
      { start: 'a', end: 'b', text: 'lit', stroke: 'dotted' },
      { start: 'b', end: 'outer', text: '' },
    ],
    subgraphs: [
      { id: 'inner', title: 'Dedans', nodes: ['b'] },
      { id: 'outer', title: 'Dehors', nodes: ['a', 'inner'] },
    ],
  });

  it('keeps labels as a reader says them, safe links only, and each node in its innermost subgraph', () => {
    expect(read.direction).toBe('TB');
    expect(read.nodes).toEqual([
      { key: 'a', label: 'Premier nœud', cls: 'other', group: 'outer' },
      { key: 'b', label: 'Second', cls: 'other', group: 'inner', href: '/page/' },
      { key: 'c', label: 'Piège', cls: 'other' },
    ]);
    expect(read.groups).toEqual([
      { key: 'inner', label: 'Dedans', parent: 'outer' },
      { key: 'outer', label: 'Dehors' },
    ]);
  });

  it('keeps edges to a subgraph, which the text version names', () => {
    expect(read.edges).toEqual([
      { from: 'a', to: 'b', label: 'lit', dashed: true },
      { from: 'b', to: 'outer' },
    ]);
    expect(toHtml(textVersion(read))).toContain('<li>«\u00a0Second\u00a0» mène à «\u00a0Dehors\u00a0».</li>');
  });
});
