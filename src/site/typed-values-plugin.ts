// Wires the typed-values check (typed-values.ts) into the build: a remark plugin run on every MDX page as it
// compiles. A value of the model typed by hand in prose is a warning, with the file, the line and the component to
// use instead; in CI (CI=true) it is an error that stops the build, like the manifests' errors.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Root } from 'mdast';
import type { Model } from '../infra/index.ts';
import { knownValues, knownValuesByText, type KnownValue } from '../views/prose/known-values.ts';
import { getSite } from './model.ts';
import { findTypedValues, typedValuePattern, type TypedValue } from './typed-values.ts';

export interface TypedValuesOptions {
  /** Pages left alone, relative to `root` (the manifesto quotes what it likes). */
  exempt?: readonly string[];
  /** What the values are looked up in. Default: the build's model. */
  model?: () => Promise<Model>;
  /** The environment components show when they name none. Default: the site's (ffe.config.ts), with its model. */
  defaultEnv?: string;
  /** Paths in messages are relative to this directory. Default: the project. */
  root?: string;
  /** Stop on the first page with a typed value. Default: CI=true. */
  strict?: boolean;
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

/** The remark plugin: checks one page, warns or throws. */
export function remarkTypedValues(options: TypedValuesOptions = {}) {
  const root = options.root ?? PROJECT_ROOT;
  const exempt = new Set(options.exempt ?? []);
  const strict = options.strict ?? process.env.CI === 'true';
  const warn = options.warn ?? ((text: string) => console.warn(text));
  const given = options.model;
  const site = async (): Promise<{ model: Model; defaultEnv: string | undefined }> => {
    if (given) return { model: await given(), defaultEnv: options.defaultEnv };
    const { model, environments } = await getSite();
    return { model, defaultEnv: options.defaultEnv ?? environments.default };
  };
  return async (tree: Root, file: { path?: string }): Promise<void> => {
    const path = file.path ? relative(root, file.path).split('\\').join('/') : '(MDX)';
    if (exempt.has(path) || !path.endsWith('.mdx')) return;
    const { model, defaultEnv } = await site();
    const { known, pattern } = lookup(model, defaultEnv);
    const found = findTypedValues(tree, known, pattern);
    if (found.length === 0) return;
    const lines = formatTypedValues(path, found);
    if (strict) {
      throw new TypedValueError(`${found.length === 1 ? 'Une valeur tapée' : `${found.length} valeurs tapées`} à la main dans ${path} (CI=true : c’est une erreur) :\n${lines}`, found[0]);
    }
    warn(lines);
  };
}

type Processor = { name?: string; options?: { remarkPlugins?: unknown[] } };

/**
 * Adds the check to the Markdown processor MDX uses. It reads Markdown trees, so it needs unified (`markdown.processor:
 * unified(…)`); with any other processor the build says the check is off rather than pretend it ran.
 */
export function ffeTypedValues(options: Omit<TypedValuesOptions, 'warn'> = {}): AstroIntegration {
  return {
    name: 'ffe:typed-values',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const processor = config.markdown.processor as Processor;
        const log: AstroIntegrationLogger = logger;
        if (processor.name === 'unified' && Array.isArray(processor.options?.remarkPlugins)) {
          processor.options.remarkPlugins.push([remarkTypedValues, { ...options, warn: (text: string) => log.warn(`valeur tapée à la main au lieu d’un composant\n${text}`) }]);
        } else {
          log.warn(`le processeur Markdown « ${processor.name ?? '?'} » n’est pas unified : les valeurs tapées à la main dans les pages ne sont pas vérifiées.`);
        }
      },
    },
  };
}
