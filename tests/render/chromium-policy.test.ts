import { describe, expect, it } from 'vitest';
import {
  CLIENT_FALLBACK_WARNING,
  DiagramSetupError,
  chromiumCandidates,
  lookupChromium,
  parseDiagramMode,
  planRendering,
  resolveRenderPlan,
} from '../../src/render/chromium.ts';
import { createDiagramRenderer, type DiagramSource } from '../../src/render/mermaid.ts';

const diagram: DiagramSource = { id: 'demo', code: 'flowchart LR\n  A --> B', title: 'Démo', description: '' };
const nothingExists = () => false;

describe('FFE_DIAGRAMS=ssr without Chromium', () => {
  it('is an error telling to install Debian’s chromium or set FFE_CHROMIUM', async () => {
    const plan = resolveRenderPlan({ mode: 'ssr' }, nothingExists);
    await expect(plan).rejects.toBeInstanceOf(DiagramSetupError);
    await expect(plan).rejects.toThrow(/Chromium est introuvable.*paquet Debian « chromium ».*FFE_CHROMIUM/s);
    await expect(plan).rejects.toThrow(/\/usr\/bin\/chromium/);
  });

  it('fails the render instead of falling back to the client', async () => {
    const renderer = createDiagramRenderer({ mode: 'ssr', chromium: '/nulle-part/chromium' });
    await expect(renderer.render([diagram])).rejects.toThrow(/FFE_CHROMIUM désigne « \/nulle-part\/chromium »/);
  });
});

describe('Chromium lookup order', () => {
  it('prefers FFE_CHROMIUM, then Debian’s /usr/bin/chromium, then Playwright’s own browser', () => {
    const candidates = chromiumCandidates('/opt/chrome', '/pw/chrome');
    expect(candidates.map((c) => c.path)).toEqual([
      '/opt/chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/pw/chrome',
    ]);
    const onlyPlaywright = lookupChromium(chromiumCandidates(undefined, '/pw/chrome'), (p) => p === '/pw/chrome');
    expect(onlyPlaywright.found).toBe('/pw/chrome');
  });

  it('never replaces a wrong FFE_CHROMIUM by another browser', () => {
    const lookup = lookupChromium(chromiumCandidates('/faux', undefined), (p) => p !== '/faux');
    expect(lookup.found).toBeUndefined();
    expect(() => planRendering('auto', lookup)).toThrow(DiagramSetupError);
  });
});

describe('automatic mode without Chromium', () => {
  it('falls back to client-side mermaid with one warning per build', async () => {
    const warnings: string[] = [];
    const renderer = createDiagramRenderer({
      cacheDir: false,
      plan: planRendering('auto', { tried: [] }),
      warn: (message) => warnings.push(message),
    });
    const first = await renderer.render([diagram]);
    await renderer.render([{ ...diagram, id: 'other' }]);
    expect(first.get('demo')).toEqual({ kind: 'client', ...diagram });
    expect(warnings).toEqual([CLIENT_FALLBACK_WARNING]);
    expect(renderer.stats).toMatchObject({ clientSide: 2, rendered: 0, launches: 0 });
  });
});

describe('FFE_DIAGRAMS=client', () => {
  it('always leaves diagrams to the browser, silently, even when Chromium exists', async () => {
    const warnings: string[] = [];
    const plan = await resolveRenderPlan({ mode: 'client' }, () => true);
    const renderer = createDiagramRenderer({ cacheDir: false, plan, warn: (m) => warnings.push(m) });
    expect((await renderer.render([diagram])).get('demo')?.kind).toBe('client');
    expect(warnings).toEqual([]);
  });
});

describe('an unknown FFE_DIAGRAMS value', () => {
  it('is rejected with the accepted values', () => {
    expect(() => parseDiagramMode('maybe')).toThrow(/« ssr ».*« client ».*« auto »/s);
    expect([undefined, '', ' AUTO ', 'ssr', 'Client'].map(parseDiagramMode)).toEqual(['auto', 'auto', 'auto', 'ssr', 'client']);
  });
});
