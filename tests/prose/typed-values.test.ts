// Values of the model typed by hand in prose, found as the build compiles MDX, through either processor Astro 7 can
// be given (Sätteri, the default and the site's, and unified): a warning with the file, line and the component to use;
// an error in CI; code, e-mail domains and the manifesto left alone. And the site's own pages type none.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { loadModel, modelFromYaml, type Model } from '../../src/infra/index.ts';
import { remarkTypedValues, satteriTypedValues, TypedValueError, type TypedValuesOptions } from '../../src/site/typed-values-plugin.ts';

const ROOT = '/projet';
const FILE = 'content/docs/boutique.mdx';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/typed-values/${name}`, import.meta.url), 'utf8');
const shop = modelFromYaml([{ path: 'manifests/shop.yaml', text: fixture('manifests.yaml'), env: 'production' }], { checks: [] });

const processors = {
  satteri: (options: TypedValuesOptions) => satteri({ mdastPlugins: [satteriTypedValues(options)] }),
  unified: (options: TypedValuesOptions) => unified({ remarkPlugins: [[remarkTypedValues, options]] }),
};
type ProcessorName = keyof typeof processors;

async function compileWith(name: ProcessorName, source: string, options: TypedValuesOptions, path: string): Promise<unknown> {
  const processor = processors[name](options);
  const renderer = await processor.createMdxRenderer!(
    { syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true },
    { optimize: false, srcDir: pathToFileURL(`${options.root ?? ROOT}/`), sourcemap: false },
  );
  return renderer.process(source, path, {});
}

describe.each(Object.keys(processors) as ProcessorName[])('compiled with %s', (processorName) => {
  async function compile(source: string, options: TypedValuesOptions, file = FILE): Promise<unknown> {
    // The site's default environment is production: components citing it name no env.
    return compileWith(processorName, source, { root: ROOT, defaultEnv: 'production', ...options }, join(ROOT, file));
  }

  async function warnings(source: string, model: Model, file = FILE): Promise<string[]> {
    const out: string[] = [];
    await compile(source, { model: async () => model, strict: false, warn: (text) => out.push(...text.split('\n')) }, file);
    return out;
  }

  describe('a page that types values of the model', () => {
    it('warns at each one, with its line and column and the component to write instead', async () => {
      const found = await warnings(fixture('page.mdx'), shop);
      expect(found.map((w) => w.split(' — ')[0])).toEqual([`${FILE}:4:24`, `${FILE}:5:9`, `${FILE}:5:74`, `${FILE}:7:9`, `${FILE}:7:101`]);
      expect(found[0]).toContain('« boutique.example.org » est tapé à la main : c’est l’adresse publique de Déploiement shop/web (production)');
      expect(found[0]).toContain('écrivez <HostOf namespace="shop" name="web" />');
      expect(found[1]).toContain('« ghcr.io/shop/web:2.4.1 »');
      expect(found[1]).toContain('<ImageVersion namespace="shop" name="web" />');
      expect(found[2]).toContain('« v20.11.3 » est tapé à la main : c’est la version du chart redis (production)');
      expect(found[2]).toContain('<ChartVersion namespace="shop" name="redis" />');
      // The link's address: reported where the link starts.
      expect(found[3]).toContain('« boutique.example.org »');
      expect(found[4]).toContain('« 2.4.1 » est tapé à la main : c’est la version de l’image de Déploiement shop/web (production)');
      expect(found[4]).toContain('<ImageVersion namespace="shop" name="web" />');
    });

    it('stops the build in CI, with the same lines', async () => {
      const error = await compile(fixture('page.mdx'), { model: async () => shop, strict: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypedValueError);
      const message = (error as TypedValueError).message;
      expect(message).toContain(`5 valeurs tapées à la main dans ${FILE} (CI=true : c’est une erreur)`);
      expect(message).toContain(`${FILE}:4:24 — « boutique.example.org »`);
      expect([(error as TypedValueError).line, (error as TypedValueError).column]).toEqual([4, 24]);
    });

    it('in a CI build, hands each page’s values over instead of stopping at the page (the build lists them all at its end)', async () => {
      const reported: string[] = [];
      await compile(fixture('page.mdx'), { model: async () => shop, strict: true, report: (file, found) => reported.push(...found.map((v) => `${file}:${v.line}:${v.column}`)) });
      expect(reported).toEqual([`${FILE}:4:24`, `${FILE}:5:9`, `${FILE}:5:74`, `${FILE}:7:9`, `${FILE}:7:101`]);
    });

    it('reports an address shown as its own link once', async () => {
      const found = await warnings('L’aide est sur https://boutique.example.org/aide.\n', shop);
      expect(found.map((w) => w.split(' — ')[0])).toEqual([`${FILE}:1:24`]);
    });

    it('leaves an exempt page (the manifesto) alone', async () => {
      const out: string[] = [];
      await compile(fixture('page.mdx'), { model: async () => shop, strict: true, exempt: [FILE], warn: (t) => out.push(t) });
      expect(out).toEqual([]);
    });

    it('follows the manifests: a value they no longer hold is no longer reported', async () => {
      const bumped = modelFromYaml([{ path: 'manifests/shop.yaml', text: fixture('manifests.yaml').replace('web:2.4.1', 'web:2.5.0'), env: 'production' }], { checks: [] });
      const found = await warnings(fixture('page.mdx'), bumped);
      expect(found.some((w) => w.includes('2.4.1'))).toBe(false);
      expect(found.some((w) => w.includes('boutique.example.org'))).toBe(true);
    });
  });

});

describe('the pages of this site', () => {
  it('type no host, image or chart version of the manifests outside code and the manifesto (definitions included)', { timeout: 60_000 }, async () => {
    const model = await loadModel({ checks: [] });
    const root = join(import.meta.dirname, '../..');
    const pages = ['content/docs', 'content/definitions']
      .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.mdx'))
      .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
      .filter((page) => page !== 'content/docs/manifeste.mdx');
    expect(pages.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const page of pages) {
      // The content layer hands MDX its body without the front matter; keep the lines where they are.
      const source = readFileSync(join(root, page), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, (front) => '\n'.repeat(front.split('\n').length - 1));
      // Through the site's processor.
      await compileWith('satteri', source, { root, model: async () => model, defaultEnv: 'production', strict: false, warn: (text: string) => found.push(text) }, join(root, page));
    }
    expect(found).toEqual([]);
  });
});
