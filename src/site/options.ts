// The options of the FFE site — everything a fork changes, in one place (ffe.config.ts), validated with Astro's zod
// the way Starlight validates its own, with French messages that name the option and say what is expected. A few
// environment variables override them for a one-off build (FFE_MANIFESTS to try another repository, FFE_SITE_URL,
// FFE_REPO_URL, FFE_REPO_BRANCH). `npm run check` reads the same options, so that the site and the command agree.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'astro/zod';
import { DEFAULT_ANNOTATION_PREFIX, ruleIds, FINDING_CODE, type SeverityOverrides } from '../infra/index.ts';
import { siteError } from './errors.ts';
import { FORGES, repository, type Repository } from './repository.ts';

const RepositorySchema = z.union([
  z.string().min(1),
  z.strictObject({
    /** https URL of the repository page (a git@… or ssh:// remote is turned into it). */
    url: z.string().min(1),
    /** Branch the links point at. Default: main. */
    branch: z.string().min(1).optional(),
    /** How the host spells its links, when it is not recognised from its name (self-hosted forge). */
    forge: z.enum(FORGES).optional(),
  }),
]);

const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SEVERITY = z.enum(['error', 'warning', 'notice', 'off']);

export const FfeOptionsSchema = z.strictObject({
  /** Site title, in the header and the browser tab. */
  title: z.string().min(1).default('Infrastructure'),
  /** One sentence describing the site (search engines, link previews). */
  description: z.string().min(1).optional(),
  /** Public address of the site (canonical links, sitemap). */
  site: z.url({ protocol: /^https?$/ }).optional(),
  /** The site's own repository: « Modifier cette page » links and the header link. */
  repository: RepositorySchema.optional(),
  /** Folder of the manifests, relative to the project: a string, or `{ path, repository }`. */
  manifests: z
    .union([
      z.string().min(1),
      z.strictObject({
        path: z.string().min(1).default('./manifests'),
        /** Where « voir la source » links go; default: the `origin` remote of the repository holding the manifests. */
        repository: RepositorySchema.optional(),
      }),
    ])
    .default('./manifests'),
  environments: z
    .strictObject({
      /** The environment pages and prose talk about unless they say otherwise. */
      default: z.string().min(1).optional(),
      /** The two environments the comparison page sets side by side. */
      compare: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
    })
    .default({}),
  /** Severity per platform rule id or finding code: 'error', 'warning', 'notice' or 'off'. */
  rules: z.record(z.string(), SEVERITY).default({}),
  /** Prefix of the annotations that declare an exception to a rule (`<prefix>/allow-root`). */
  annotationPrefix: z.string().regex(DNS_SUBDOMAIN).default(DEFAULT_ANNOTATION_PREFIX),
  /** Let kustomize fetch remote resources (http(s)://, git) while building; refused by default: the network is trusted then. */
  remoteResources: z.boolean().default(false),
});

export type FfeUserOptions = z.input<typeof FfeOptionsSchema>;

/** Typed options for ffe.config.ts (validated when the site or `npm run check` reads them). */
export function defineFfeOptions(options: FfeUserOptions): FfeUserOptions {
  return options;
}

export interface FfeOptions {
  title: string;
  description: string | undefined;
  site: string | undefined;
  /** The site's own repository (edit links). */
  repository: Repository | undefined;
  manifests: {
    /** Absolute folder read (FFE_MANIFESTS, else the option). */
    root: string;
    /** True when FFE_MANIFESTS points elsewhere than the option: the environment names configured may not apply. */
    overridden: boolean;
    /** Where source links go, when configured. */
    repository: Repository | undefined;
  };
  environments: { default?: string; compare?: [string, string] };
  rules: SeverityOverrides;
  annotationPrefix: string;
  remoteResources: boolean;
}

const HINT = 'Corrigez ffe.config.ts (les options sont décrites dans le README, section « Forker FFE »).';

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[');
}

/** « option environments.compare : Trop petit… », one line per problem, in French. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const french = z.locales.fr().localeError;
  return issues
    .map((issue) => {
      const where = pathOf(issue.path);
      const text = typeof french === 'function' ? (french(issue as never) as string | { message: string } | undefined) : undefined;
      const message = typeof text === 'string' ? text : text?.message ?? issue.message;
      return `- ${where ? `option « ${where} »` : 'options'} : ${message}`;
    })
    .join('\n');
}

function toRepository(input: z.output<typeof RepositorySchema> | undefined, branch?: string): Repository | undefined {
  if (input === undefined) return undefined;
  if (typeof input === 'string') return repository(input, branch ?? 'main');
  return repository(input.url, branch ?? input.branch ?? 'main', input.forge);
}

/**
 * Validated options, with the environment variables applied. Throws an AstroError (French message, hint, no stack)
 * on a wrong option. `projectRoot` is where relative paths start (the folder of ffe.config.ts).
 */
export function resolveFfeOptions(input: unknown, projectRoot: string, env: NodeJS.ProcessEnv = process.env): FfeOptions {
  const parsed = FfeOptionsSchema.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) throw siteError('Options du site invalides', `Options FFE invalides :\n${describeIssues(parsed.error.issues)}`, HINT);
  const options = parsed.data;

  const unknownRules = Object.keys(options.rules).filter((key) => !ruleIds().includes(key) && !FINDING_CODE.test(key));
  if (unknownRules.length > 0) {
    throw siteError(
      'Options du site invalides',
      `Options FFE invalides :\n- option « rules » : ${unknownRules.map((k) => `« ${k} »`).join(', ')} n’est ni une règle ni un code de constat.`,
      `Règles connues : ${ruleIds().join(', ')} ; ou un code affiché par npm run check (FFE-E-SECRET-MISSING…).`,
    );
  }
  const siteUrl = env.FFE_SITE_URL || options.site;
  if (siteUrl && !z.url({ protocol: /^https?$/ }).safeParse(siteUrl).success) {
    throw siteError('Options du site invalides', `FFE_SITE_URL n’est pas une adresse http(s) : « ${siteUrl} ».`, 'Donnez une adresse complète, par exemple https://docs.example.org.');
  }

  const manifests = typeof options.manifests === 'string' ? { path: options.manifests, repository: undefined } : options.manifests;
  const configured = resolve(projectRoot, manifests.path);
  const fromEnv = env.FFE_MANIFESTS ? (isAbsolute(env.FFE_MANIFESTS) ? env.FFE_MANIFESTS : resolve(process.cwd(), env.FFE_MANIFESTS)) : undefined;
  const siteRepository = env.FFE_REPO_URL
    ? repository(env.FFE_REPO_URL, env.FFE_REPO_BRANCH || 'main')
    : toRepository(options.repository, env.FFE_REPO_BRANCH || undefined);

  return {
    title: options.title,
    description: options.description,
    site: siteUrl || undefined,
    repository: siteRepository,
    manifests: {
      root: fromEnv ?? configured,
      overridden: fromEnv !== undefined && fromEnv !== configured,
      repository: toRepository(manifests.repository),
    },
    environments: options.environments,
    rules: options.rules,
    annotationPrefix: options.annotationPrefix,
    remoteResources: options.remoteResources,
  };
}
