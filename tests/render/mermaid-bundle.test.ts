// The mermaid the build's tabs load has getConfig() memoized (src/render/mermaid-bundle.ts): drawing is faster and
// nothing else changes — the same SVG, byte for byte, as mermaid as shipped, for flowcharts like the site's views and
// for the other kinds of diagram an author may write by hand.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoizeGetConfig } from '../../src/render/mermaid-bundle.ts';
import { createDiagramRenderer, type DiagramSource, type RenderedDiagram } from '../../src/render/mermaid.ts';
import { chromiumSkipReason, testChromium } from './chromium-guard.ts';

const require = createRequire(import.meta.url);
const fixtures = path.resolve(import.meta.dirname, '../fixtures/render');

const diagrams: DiagramSource[] = [
  { id: 'flow', code: await readFile(path.join(fixtures, 'web-flow.mmd'), 'utf8'), title: 'Flux', description: 'Le trafic vers web.' },
  {
    id: 'views',
    code: [
      'flowchart TB',
      '  i(("Internet")) -->|"HTTPS"| t["Contrôleur d’entrée<br>traefik"]',
      '  subgraph apps["Applications"]',
      '    direction LR',
      '    a["booking · calcom<br>rdv.ffe.fr"] --> d[("PostgreSQL booking-db")]',
      '    s("Service site") --> w(["Volume"])',
      '  end',
      '  subgraph ops["Opérateurs"]',
      '    h{{"cert-manager v1.19.1"}}',
      '    l["prometheus-operator-crds monitoring"]',
      '  end',
      '  t --> apps',
      '  apps -->|"s’appuient sur"| ops',
      '  classDef data stroke:#f1e00b,stroke-width:2px',
      '  class d data',
      '  click a href "/infra/production/booking/deployment/calcom/" "Deployment booking/calcom"',
    ].join('\n'),
    title: 'Vue d’ensemble',
    description: '',
  },
  { id: 'sequence', code: 'sequenceDiagram\n  Lecteur->>Site: GET /\n  Site-->>Lecteur: 200', title: 'Séquence', description: '' },
  { id: 'state', code: 'stateDiagram-v2\n  [*] --> Rendu\n  Rendu --> Vérifié\n  Vérifié --> [*]', title: 'États', description: '' },
  { id: 'class', code: 'classDiagram\n  Model <|-- Environment\n  Model : +findings', title: 'Classes', description: '' },
  { id: 'er', code: 'erDiagram\n  NAMESPACE ||--o{ DEPLOYMENT : contient', title: 'Entités', description: '' },
  {
    id: 'styled',
    code: [
      'flowchart LR',
      '  a["booking · calcom<br>rdv.ffe.fr"] --> b["Contrôleur d’entrée<br>traefik"]',
      // Fits the wrapping width at 14 px, not at 22 px: measured in the wrong font, it would not wrap.
      '  b --> l["prometheus-operator-crds monitoring"]',
      '  class l big',
      '  classDef big font-size:22px,font-weight:bold',
      '  class a big',
      '  style b font-size:9px',
    ].join('\n'),
    title: 'Étiquettes stylées',
    description: '',
  },
];

describe('mermaid with getConfig() and text measurements memoized', () => {
  it('finds getConfig exactly once in the installed mermaid', async () => {
    const bundle = await readFile(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
    const { text, memoized } = memoizeGetConfig(bundle);
    expect(memoized).toBe(true);
    expect(text).toContain('__ffeConfigMemo.copy');
    expect(memoizeGetConfig('var x = 1;')).toEqual({ text: 'var x = 1;', memoized: false });
  });

  it.skipIf(chromiumSkipReason !== undefined)('draws the same SVG as mermaid as shipped, byte for byte', { timeout: 120_000 }, async () => {
    const draw = async (memoize: boolean): Promise<Map<string, RenderedDiagram>> => {
      const renderer = createDiagramRenderer({ cacheDir: false, memoize, mode: 'ssr', chromium: testChromium });
      try {
        // Twice each, so that a configuration left behind by one drawing would show in the next.
        await renderer.render(diagrams);
        return await renderer.render(diagrams.map((d) => ({ ...d, id: `${d.id}-again` })));
      } finally {
        await renderer.close();
      }
    };
    const shipped = await draw(false);
    const memoized = await draw(true);
    for (const diagram of diagrams) {
      const a = shipped.get(`${diagram.id}-again`);
      const b = memoized.get(`${diagram.id}-again`);
      expect(a?.kind, diagram.id).toBe('svg');
      expect(b, diagram.id).toEqual(a);
    }
  });
});
