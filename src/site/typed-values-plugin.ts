// Wires the typed-values check (typed-values.ts) into the build: run on every MDX page as it compiles, through
// whichever Markdown processor Astro is given (a Sätteri plugin, Astro's default and the site's, or a remark plugin
// for unified). A value of the model typed by hand in prose is a warning, with the file, the line and the component
// to use instead; in CI (CI=true) it is an error that stops the build, like the manifests' errors.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Root } from 'mdast';
import type { MdastPluginDefinition, PluginFactoryContext } from 'satteri';
import type { PluginOption } from 'vite';
import { compareText, type Model } from '../infra/index.ts';
import { knownValues, knownValuesByText, type KnownValue } from '../views/prose/known-values.ts';
import { addMarkdownPlugin } from './markdown-processor.ts';
import { siteError } from './errors.ts';
import type { BuildSession } from './session.ts';
import { findTypedValues, typedValuePattern, type TypedValue } from './typed-values.ts';

export interface TypedValuesOptions {
  /** Pages left alone, relative to `root` (the manifesto quotes what it likes). */
  exempt?: readonly string[];
  /** What the values are looked up in, and the environment components show when they name none… */
  model?: () => Promise<Model>;
  defaultEnv?: string;
  /** …or both from the build's model (ffeTypedValues). */
  site?: () => Promise<{ model: Model; defaultEnv: string | undefined }>;
  /** Paths in messages are relative to this directory. Default: the project. */
  root?: string;
  /** Stop on the first page with a typed value (CI=true, in the build). Default: warn. */
  strict?: boolean;
  /**
   * When strict, hand each page's values here instead of throwing at that page: the build then stops once every page
   * is compiled, listing them all (ffeTypedValues).
   */
  report?: (file: string, found: readonly TypedValue[]) => void;
  /** Where warnings go. Default: console.warn. */
  warn?: (text: string) => void;
}

/** Stops the build: a French message that names the file and lines, no stack trace. */
export class TypedValueError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(text: string, first: TypedValue) {
    super(text);
    this.name = 'TypedValueError';
    this.stack = text;
    this.line = first.line;
    this.column = first.column;
  }
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `content/docs/x.mdx:12:5 — « docs.ffe.fr » est tapé à la main : …`, one line per value. */
export function formatTypedValues(file: string, found: readonly TypedValue[]): string {
  return found.map((v) => `${file}:${v.line}:${v.column} — ${v.message}`).join('\n');
}

const prepared = new WeakMap<Model, { known: Map<string, KnownValue[]>; pattern: RegExp | undefined }>();

function lookup(model: Model, defaultEnv: string | undefined): { known: Map<string, KnownValue[]>; pattern: RegExp | undefined } {
  let entry = prepared.get(model);
  if (!entry) {
    const known = knownValuesByText(knownValues(model, defaultEnv));
    entry = { known, pattern: typedValuePattern(known.keys()) };
    prepared.set(model, entry);
  }
  return entry;
}

/** The check of one page, whatever the processor: the page's tree and file in, a warning or a TypedValueError out. */
function pageChecker(options: TypedValuesOptions) {
  const root = options.root ?? PROJECT_ROOT;
  const exempt = new Set(options.exempt ?? []);
  const strict = options.strict ?? false;
  const warn = options.warn ?? ((text: string) => console.warn(text));
  const site = async (): Promise<{ model: Model; defaultEnv: string | undefined }> => {
    if (options.site) return options.site();
    if (!options.model) throw new Error('ffe:typed-values : aucun modèle où chercher les valeurs (options model ou site)');
    return { model: await options.model(), defaultEnv: options.defaultEnv };
  };
  const pathOf = (file: string | undefined): string => (file ? relative(root, file).split('\\').join('/') : '(MDX)');
  /** Whether a page is checked at all: MDX pages, except the exempt ones. */
  const checks = (file: string | undefined): boolean => {
    const path = pathOf(file);
    return !exempt.has(path) && path.endsWith('.mdx');
  };
  return {
    checks,
    async check(tree: Root, file: string | undefined): Promise<void> {
      if (!checks(file)) return;
      const path = pathOf(file);
      const { model, defaultEnv } = await site();
      const { known, pattern } = lookup(model, defaultEnv);
      const found = findTypedValues(tree, known, pattern);
      if (found.length === 0) return;
      const lines = formatTypedValues(path, found);
      if (strict && options.report) {
        options.report(path, found);
        return;
      }
      if (strict) {
        throw new TypedValueError(`${found.length === 1 ? 'Une valeur tapée' : `${found.length} valeurs tapées`} à la main dans ${path} (CI=true : c’est une erreur) :\n${lines}`, found[0]);
      }
      warn(lines);
    },
  };
}

/** The remark plugin (unified): checks one page, warns or throws. */
export function remarkTypedValues(options: TypedValuesOptions = {}) {
  const checker = pageChecker(options);
  return async (tree: Root, file: { path?: string }): Promise<void> => checker.check(tree, file.path);
}

/**
 * The Sätteri plugin (Astro's default processor): checks one page, warns or throws. Like the remark plugin, it reads
 * the tree the plugins before it left (a mermaid block is a figure by then, which is not prose).
 */
export function satteriTypedValues(options: TypedValuesOptions = {}): (document: PluginFactoryContext) => MdastPluginDefinition | null {
  const checker = pageChecker(options);
  return ({ fileURL, sourceFormat }) => {
    const file = fileURL ? fileURLToPath(fileURL) : undefined;
    if (sourceFormat !== 'mdx' || !checker.checks(file)) return null;
    return {
      name: 'ffe-typed-values',
      options: { position: true },
      // Sätteri hands the root read-only, its children read on demand: the same mdast shapes unist-util-visit walks.
      before: (tree) => checker.check(tree as Root, file),
    };
  };
}

/**
 * Stops a strict build once every page is compiled, with every typed value of every page: thrown from a Vite hook of
 * its own, so that Astro prints it as the AstroError it is (the MDX compiler would add a stack trace of its own).
 */
function reportTypedValues(found: Map<string, readonly TypedValue[]>): PluginOption {
  return {
    name: 'ffe:typed-values-report',
    buildEnd() {
      if (found.size === 0) return;
      const pages = [...found].sort(([a], [b]) => compareText(a, b));
      found.clear();
      const count = pages.reduce((n, [, values]) => n + values.length, 0);
      throw siteError(
        'Valeurs tapées à la main',
        `${count === 1 ? 'Une valeur tapée' : `${count} valeurs tapées`} à la main dans ${pages.length === 1 ? pages[0][0] : `${pages.length} pages`} (CI=true : c’est une erreur) :\n` +
          pages.map(([file, values]) => formatTypedValues(file, values)).join('\n'),
        'Écrivez à leur place le composant indiqué, qui calcule la valeur depuis les manifestes, ou mettez-la entre accents graves s’il s’agit d’un exemple.',
      );
    },
  };
}

/**
 * Adds the check to the Markdown processor MDX uses: Sätteri (Astro's default) or unified. With any other processor
 * the build says the check is off rather than pretend it ran.
 */
export function ffeTypedValues(session: BuildSession, options: Pick<TypedValuesOptions, 'exempt' | 'root'> = {}): AstroIntegration {
  return {
    name: 'ffe:typed-values',
    hooks: {
      'astro:config:setup': ({ config, command, logger, updateConfig }) => {
        const log: AstroIntegrationLogger = logger;
        // CI=true makes the build stop on a typed value; the dev server always warns, page by page.
        const strict = session.settings.ci && command === 'build';
        const found = new Map<string, readonly TypedValue[]>();
        const pluginOptions: TypedValuesOptions = {
          ...options,
          strict,
          site: async () => {
            const { model, environments } = await session.site();
            return { model, defaultEnv: environments.default };
          },
          warn: (text: string) => log.warn(`valeur tapée à la main au lieu d’un composant\n${text}`),
          // A strict build reports every page at once, once they are all compiled.
          ...(strict ? { report: (file: string, values: readonly TypedValue[]) => void found.set(file, values) } : {}),
        };
        const processor = addMarkdownPlugin(config.markdown.processor, { satteri: satteriTypedValues(pluginOptions), remark: [remarkTypedValues, pluginOptions] });
        if (!processor.added) {
          log.warn(`le processeur Markdown « ${processor.name} » n’est ni Sätteri ni unified : les valeurs tapées à la main dans les pages ne sont pas vérifiées.`);
          return;
        }
        if (pluginOptions.report) updateConfig({ vite: { plugins: [reportTypedValues(found)] } });
      },
    },
  };
}
