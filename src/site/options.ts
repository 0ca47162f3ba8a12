// The options of the FFE site — everything a fork changes, in one place (ffe.config.ts), validated with Astro's zod
// the way Starlight validates its own, with French messages that name the option and say what is expected. The
// validated options are the schema's output (`FfeOptions`): paths made absolute, repositories normalised, and the
// one-build overrides applied (a variable wins over the file: src/site/settings.ts reads them, with the rest of the
// environment). `npm run check` reads the same options, so that the site and the command agree.
import { resolve, sep } from 'node:path';
import type { StarlightUserConfig } from '@astrojs/starlight/types';
import { z } from 'astro/zod';
import { DEFAULT_MAX_COMMITS, ruleIds, FINDING_CODE, type Window } from '../infra/index.ts';
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

/** A public site address: http(s) only. */
export const SiteUrlSchema = z.url({ protocol: /^https?$/ });

/** Sidebar entries as Starlight takes them: Starlight validates them itself. */
export type SidebarItem = NonNullable<StarlightUserConfig['sidebar']>[number];
const SidebarSchema = z.array(z.custom<SidebarItem>((item) => typeof item === 'string' || (typeof item === 'object' && item !== null), { error: 'une entrée de barre latérale de Starlight' }));

/**
 * The exemption annotations' prefix of a repository whose options name none (a fork that sets none, FFE_MANIFESTS=…):
 * a name under `.internal`, which no one owns on the Internet, rather than FFE's domain; a repository that declares
 * exceptions sets its own.
 */
const NEUTRAL_ANNOTATION_PREFIX = 'policy.docs.internal';

const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SEVERITY = z.enum(['error', 'warning', 'notice', 'off']);

export const FfeUserOptionsSchema = z.strictObject({
  /** Site title, in the header and the browser tab. Default: the name of the manifests' repository. */
  title: z.string().min(1).optional(),
  /** One sentence describing the site (search engines, link previews). Default: one that names the repository. */
  description: z.string().min(1).optional(),
  /** Public address of the site (canonical links, sitemap). */
  site: SiteUrlSchema.optional(),
  /** The site's own repository: « Modifier cette page » links and the header link. Default: the manifests' origin. */
  repository: RepositorySchema.optional(),
  /**
   * The site's own MDX pages, beside the generated ones: a folder relative to the project, or `{ folder, sidebar }`
   * with the sidebar entries that list them (default: one entry per page or folder at the top of the folder). FFE's own
   * are its prose (manifesto, architecture, glossary, contributing guide). Unset, the site has none: generated pages
   * stand in their place (a home page, overview pages under /architecture/).
   */
  pages: z.union([z.string().min(1), z.strictObject({ folder: z.string().min(1), sidebar: SidebarSchema.optional() })]).optional(),
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
  annotationPrefix: z.string().regex(DNS_SUBDOMAIN).optional(),
  /** Let kustomize fetch remote resources (http(s)://, git) while building; refused by default: the network is trusted then. */
  remoteResources: z.boolean().default(false),
  /**
   * FFE's conventions (sealed Secrets, labels, security context…): `ffe` enforces them at their severity, `none` only
   * notes them. Default: `ffe` for manifests inside this site's repository, `none` when FFE_MANIFESTS points at
   * another repository's.
   */
  conventions: z.enum(['ffe', 'none']).optional(),
  /**
   * The journal and the per-resource history read from Git: `false` for none, else the window the first build reads
   * (later builds read only the commits they have not seen): from `since` (YYYY-MM-DD), at most `maxCommits`.
   */
  history: z
    .union([
      z.literal(false),
      z.strictObject({
        since: z.iso.date().optional(),
        maxCommits: z.number().int().min(1).max(5000).default(DEFAULT_MAX_COMMITS),
      }),
    ])
    .default({ maxCommits: DEFAULT_MAX_COMMITS }),
});

export type FfeUserOptions = z.input<typeof FfeUserOptionsSchema>;

/** Typed options for ffe.config.ts (validated when the site or `npm run check` reads them). */
export function defineFfeOptions(options: FfeUserOptions): FfeUserOptions {
  return options;
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

/** What one build sets over the file (src/site/settings.ts reads them from FFE_MANIFESTS, FFE_SITE_URL, FFE_REPO_*, FFE_HISTORY). */
export interface OptionOverrides {
  /** Absolute folder of the manifests. */
  manifests?: string;
  /** Absolute folder of the site's own pages (their sidebar then lists them one by one). */
  pages?: string;
  /** The site address, already checked. */
  site?: string;
  /** The site's repository (its branch defaults to main)… */
  repositoryUrl?: string;
  /** …and the branch its links point at, alone or with the URL. */
  repositoryBranch?: string;
  /** False: no history for this build, whatever the window of the file (FFE_HISTORY=off). */
  history?: false;
}

/** The window of the history as the engine reads it, or false for none. */
function historyWindow(option: z.output<typeof FfeUserOptionsSchema>['history'], override: false | undefined): Window | false {
  if (option === false || override === false) return false;
  return { maxCommits: option.maxCommits, ...(option.since ? { since: option.since } : {}) };
}

/**
 * The options as the site uses them: the file's, validated, paths made absolute from `projectRoot` (the folder of
 * ffe.config.ts), repositories normalised, and the overrides of one build applied over them.
 */
export function ffeOptionsSchema(projectRoot: string, overrides: OptionOverrides = {}) {
  return FfeUserOptionsSchema.transform((options) => {
    const manifests = typeof options.manifests === 'string' ? { path: options.manifests, repository: undefined } : options.manifests;
    const configured = resolve(projectRoot, manifests.path);
    const root = overrides.manifests ?? configured;
    // FFE_MANIFESTS elsewhere: this build documents another repository, so what the file says of its own site (title,
    // address, repository, pages) does not apply; the variables of the same build still do.
    const own = root === configured;
    const pages = typeof options.pages === 'string' ? { folder: options.pages } : options.pages;
    return {
      title: own ? options.title : undefined,
      description: own ? options.description : undefined,
      site: overrides.site ?? (own ? options.site : undefined),
      /** The site's own repository (edit links, header link). */
      repository: overrides.repositoryUrl
        ? repository(overrides.repositoryUrl, overrides.repositoryBranch ?? 'main')
        : own
          ? toRepository(options.repository, overrides.repositoryBranch)
          : undefined,
      /** The site's own pages: an absolute folder, and the sidebar entries listing them when given. */
      pages: overrides.pages ? { folder: overrides.pages, sidebar: undefined } : own && pages ? { folder: resolve(projectRoot, pages.folder), sidebar: pages.sidebar } : undefined,
      manifests: {
        /** Absolute folder read. */
        root,
        /** True when FFE_MANIFESTS points elsewhere than the option: the environment names configured may not apply. */
        overridden: !own,
        /** Where source links go, when configured. */
        repository: own ? toRepository(manifests.repository) : undefined,
      },
      environments: options.environments,
      // A finding code as the site shows it (« W-PROBES-MISSING ») is the checker's (« FFE-W-PROBES-MISSING »).
      rules: Object.fromEntries(Object.entries(options.rules).map(([key, severity]) => [/^[EWN]-/.test(key) ? `FFE-${key}` : key, severity])),
      annotationPrefix: (own ? options.annotationPrefix : undefined) ?? NEUTRAL_ANNOTATION_PREFIX,
      remoteResources: options.remoteResources,
      /** FFE's conventions enforced or noted: another repository's manifests (outside this one) have not adopted them. */
      conventions: options.conventions ?? (root === resolve(projectRoot) || root.startsWith(resolve(projectRoot) + sep) ? ('ffe' as const) : ('none' as const)),
      /** The window of Git history the journal and the resources' « Historique » read, or false for none. */
      history: historyWindow(options.history, overrides.history),
    };
  });
}

/** The validated options: what `ffeOptionsSchema` outputs. */
export type FfeOptions = z.output<ReturnType<typeof ffeOptionsSchema>>;

/**
 * Validated options, with the overrides of one build applied. Throws an AstroError (French message, hint, no stack)
 * on a wrong option.
 */
export function resolveFfeOptions(input: unknown, projectRoot: string, overrides: OptionOverrides = {}): FfeOptions {
  const parsed = ffeOptionsSchema(projectRoot, overrides).safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) throw siteError('Options du site invalides', `Options FFE invalides :\n${describeIssues(parsed.error.issues)}`, HINT);
  const options = parsed.data;
  const unknownRules = Object.keys(options.rules).filter((key) => !ruleIds().includes(key) && !FINDING_CODE.test(key));
  if (unknownRules.length > 0) {
    throw siteError(
      'Options du site invalides',
      `Options FFE invalides :\n- option « rules » : ${unknownRules.map((k) => `« ${k} »`).join(', ')} n’est ni une règle ni un code de constat.`,
      `Règles connues : ${ruleIds().join(', ')} ; ou un code affiché par npm run check ou sur le site (FFE-E-SECRET-MISSING ou E-SECRET-MISSING…).`,
    );
  }
  return options;
}
