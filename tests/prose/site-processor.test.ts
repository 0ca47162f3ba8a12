// The page checks run through the Markdown processor the site is actually configured with (astro.config.mjs: Sätteri
// today): a wrong <Ref> stops the page with its file and line, a typed host warns with its file and line. A processor
// swapped for one the checks do not hook into would make them silently stop here, not only in a unit test of a plugin.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { describe, expect, it } from 'vitest';
import config from '../../astro.config.mjs';
import { MdxReferenceError } from '../../src/site/mdx-refs.ts';

const ROOT = join(import.meta.dirname, '../..');
const FILE = 'content/docs/architecture/essai.mdx';

type Processor = { name: string; createMdxRenderer?: (...args: never[]) => unknown };

/** The site's processor once the page-check integrations have hooked into it, as `astro dev` sets them up. */
function siteProcessor(warnings: string[]): Processor {
  const processor = config.markdown!.processor as unknown as Processor;
  const logger = { warn: (text: string) => warnings.push(text), info: () => {}, error: () => {}, debug: () => {} } as unknown as AstroIntegrationLogger;
  // In the dev server a typed value warns, even under CI=true (as `npm test` runs in CI): only a build stops on it.
  for (const integration of (config.integrations ?? []) as AstroIntegration[]) {
    if (integration.name !== 'ffe:mdx-refs' && integration.name !== 'ffe:typed-values') continue;
    const setup = integration.hooks['astro:config:setup'] as unknown as (options: object) => void;
    setup({ config, command: 'dev', logger, updateConfig: () => config });
  }
  return processor;
}

async function compile(processor: Processor, source: string): Promise<unknown> {
  type Renderer = { process(source: string, path: string, options: object): Promise<unknown> };
  const create = processor.createMdxRenderer as unknown as (a: object, b: object) => Promise<Renderer>;
  const renderer = await create(
    { syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true },
    { optimize: false, srcDir: pathToFileURL(`${ROOT}/`), sourcemap: false },
  );
  return renderer.process(source, join(ROOT, FILE), {});
}

const IMPORTS = "import Ref from '../../../src/components/Ref.astro';\n\n";

describe('the Markdown processor of astro.config.mjs', () => {
  const warnings: string[] = [];
  const processor = siteProcessor(warnings);

  it('is Sätteri, which every page check hooks into', () => {
    expect(processor.name).toBe('satteri');
    expect(warnings.filter((w) => w.includes('pas vérifiées'))).toEqual([]);
  });

  it('stops a page citing a name that does not exist, at its line', { timeout: 60_000 }, async () => {
    const error = await compile(processor, `${IMPORTS}Voir <Ref kind="Service" namespace="ffe-docs" name="sit" />.\n`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MdxReferenceError);
    expect((error as Error).message).toContain(`${FILE}:3:6 — <Ref kind="Service" namespace="ffe-docs" name="sit" />`);
  });

  it('warns at a host typed by hand, at its line, naming the component to write', { timeout: 60_000 }, async () => {
    await compile(processor, `${IMPORTS}Voir <Ref kind="Service" namespace="ffe-docs" name="site" />.\n\nLes rendez-vous : rdv.ffe.fr.\n`);
    const typed = warnings.filter((w) => w.includes('tapé à la main'));
    expect(typed).toHaveLength(1);
    expect(typed[0]).toContain(`${FILE}:5:19 — « rdv.ffe.fr » est tapé à la main`);
    expect(typed[0]).toContain('<HostOf namespace="booking" name="calcom" />');
  });
});
