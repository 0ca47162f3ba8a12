// The MDX check as the build runs it, through the MDX compilers Astro 7 can be configured with (Sätteri, the default,
// and unified): a name that does not exist stops the compilation with the file, the line and the nearest names; a
// name that exists reaches the component resolved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { modelFromYaml } from '../../src/infra/index.ts';
import { MdxReferenceError, mdxRefsPlugin, remarkMdxRefs, type MdxRefsOptions } from '../../src/site/mdx-refs.ts';
import { UnresolvedReferences } from '../../src/site/unresolved-refs.ts';

const ROOT = '/project';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/refs/${name}`, import.meta.url), 'utf8');

const options: MdxRefsOptions = {
  root: ROOT,
  context: async () => ({
    model: modelFromYaml(
      ['production', 'staging'].map((env) => ({ env, path: `manifests/${env}.yaml`, text: fixture(`${env}.yaml`) })),
      { checks: [] },
    ),
    definitionIds: ['ingress', 'service'],
    defaultEnv: 'production',
  }),
};

const references = new UnresolvedReferences();
const marking: MdxRefsOptions = { ...options, unresolved: 'mark', references };

const processors = {
  satteri: (opts: MdxRefsOptions = options) => satteri({ mdastPlugins: [mdxRefsPlugin(opts)] }),
  unified: (opts: MdxRefsOptions = options) => unified({ remarkPlugins: [[remarkMdxRefs, opts]] }),
};

describe.each(Object.keys(processors) as (keyof typeof processors)[])('compiled with %s', (processorName) => {
  async function compile(source: string, file = 'content/docs/architecture/reseau.mdx', opts: MdxRefsOptions = options): Promise<{ code: string }> {
    const processor = processors[processorName](opts);
    if (!processor.createMdxRenderer) throw new Error(`${processorName} cannot compile MDX`);
    const renderer = await processor.createMdxRenderer(
      { syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true },
      { optimize: false, srcDir: pathToFileURL(`${ROOT}/`), sourcemap: false },
    );
    return renderer.process(source, join(ROOT, file), {});
  }

  async function compileError(source: string, file?: string): Promise<MdxReferenceError> {
    const error = await compile(source, file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MdxReferenceError);
    return error as MdxReferenceError;
  }

  const PAGE = `import Ref from '../../../src/components/Ref.astro';
  import Term from '../../../src/components/Term.astro';

  Le trafic arrive par un <Term id="ingress">Ingress</Term> jusqu’au service
  <Ref kind="Service" namespace="web" name="site" />.
  `;

  describe('a page citing names that exist', () => {
    it('compiles, and each component receives the address it links to', async () => {
      const { code } = await compile(PAGE);
      expect(code).toContain('"/infra/production/web/service/site/"');
      expect(code).toContain('"/glossaire/#ingress"');
    });

    it('may show a wrong name as an example in code, which is not a citation', async () => {
      const { code } = await compile('Par exemple :\n\n```mdx\n<Ref kind="Service" namespace="web" name="nope" />\n```\n\nou `<Term id="nope" />`.\n');
      expect(code).toContain('name=\\"nope\\"');
    });
  });

  describe('a page citing a name that does not exist', () => {
    it('fails with the file, the line and column of the element, and the nearest name', async () => {
      const error = await compileError(`${PAGE}\nVoir aussi <Ref kind="Service" namespace="web" name="sit" />.\n`);
      expect(error.message).toContain(
        'content/docs/architecture/reseau.mdx:7:12 — <Ref kind="Service" namespace="web" name="sit" /> : aucune ressource Service nommée « sit » dans l’espace de noms web (production) — vouliez-vous dire « site » ?',
      );
      expect([error.line, error.column]).toEqual([7, 12]);
    });

    it('reports every wrong name of the file at once, in order', async () => {
      const source = `<Term id="ingres" />\n\n<Ref kind="Sevice" namespace="web" name="site" />\n\n<Ref kind="Service" namespace="web" name="site" env="prod" />\n`;
      const lines = (await compileError(source)).message.split('\n').slice(1);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/reseau\.mdx:1:1 — <Term id="ingres" \/> : .*vouliez-vous dire « ingress » \?/);
      expect(lines[1]).toMatch(/reseau\.mdx:3:1 — .*vouliez-vous dire « Service » \?/);
      expect(lines[2]).toMatch(/reseau\.mdx:5:1 — .*vouliez-vous dire « production » \?/);
    });

    it('counts lines from the top of the file, frontmatter included', async () => {
      // Astro blanks the frontmatter out (keeping its lines) before compiling.
      const blankedFrontmatter = '   \n      \n   \n';
      const error = await compileError(`${blankedFrontmatter}\n<Ref kind="Service" namespace="web" name="nope" />\n`);
      expect(error.line).toBe(5);
    });

    it('refuses a name given as an expression, which the build could not check', async () => {
      const error = await compileError(`export const n = 'site';\n\n<Ref kind="Service" namespace="web" name={n} />\n`);
      expect(error.message).toContain('<Ref kind="Service" namespace="web" name={n} /> : l’attribut name doit être écrit en toutes lettres');
    });

    it('refuses a reference missing its name', async () => {
      const error = await compileError(`<Ref kind="Service" namespace="web" />\n`);
      expect(error.message).toContain('attribut obligatoire manquant : name');
    });
  });

  describe('with FFE_ALLOW_ERRORS=1 (a repository tried as is)', () => {
    it('puts a visible « référence introuvable » marker in place of what does not resolve, and lists it', async () => {
      const file = `content/docs/${processorName}-marked.mdx`;
      const { code } = await compile(`${PAGE}\nVoir aussi <Ref kind="Service" namespace="web" name="sit" />.\n\n<Count kind="Deploiment" />\n`, file, marking);
      expect(code).toContain('référence introuvable');
      expect(code).toContain('Référence introuvable');
      expect(code).toContain('"/infra/production/web/service/site/"');
      const listed = references.list().filter((r) => r.file === file);
      expect(listed.map((r) => [r.line, r.element])).toEqual([
        [7, '<Ref kind="Service" namespace="web" name="sit" />'],
        [9, '<Count kind="Deploiment" />'],
      ]);
      expect(listed[1].message).toContain('vouliez-vous dire « Deployment »');
    });
  });
});
