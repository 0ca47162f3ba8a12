// The build gate: `npm run build` runs the same checks as `npm run check` and stops on errors, unless
// FFE_ALLOW_ERRORS=1. The Astro integration calls `checkManifestsForBuild()` once, before pages are built.
import { DocumentationError } from './errors.ts';
import { hasErrors } from './findings.ts';
import { loadModel, type LoadOptions } from './load.ts';
import type { Model } from './model.ts';
import { formatReport } from './report.ts';

export const ALLOW_ERRORS_ENV = 'FFE_ALLOW_ERRORS';

/** Thrown when the manifests have errors: its message is the whole report, and it carries no stack trace. */
export class ManifestCheckError extends DocumentationError {
  readonly model: Model;
  constructor(model: Model) {
    super(
      `${formatReport(model, { hideNotices: true })}La construction s’arrête sur ces erreurs (${ALLOW_ERRORS_ENV}=1 pour construire quand même).`,
      `Corrigez chaque erreur à l’endroit indiqué (la flèche dit comment), puis relancez ; ${ALLOW_ERRORS_ENV}=1 construit le site quand même, avec ses erreurs.`,
    );
    this.name = 'ManifestCheckError';
    this.model = model;
  }
}

export interface BuildGateOptions extends LoadOptions {
  /** Where the report goes (default: console.log). */
  log?: (text: string) => void;
  /** Build despite errors (FFE_ALLOW_ERRORS=1, read by src/site/settings.ts). Default: false. */
  allowErrors?: boolean;
}

/** Loads and checks the manifests; prints the report; throws ManifestCheckError on errors unless allowed. */
export async function checkManifestsForBuild(options: BuildGateOptions = {}): Promise<Model> {
  const log = options.log ?? ((text: string) => console.log(text));
  const model = await loadModel(options);
  const allow = options.allowErrors ?? false;
  if (hasErrors(model.findings) && !allow) throw new ManifestCheckError(model);
  log(formatReport(model, { hideNotices: true }).trimEnd());
  return model;
}
