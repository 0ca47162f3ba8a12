// The comparison fixture: a Flux repository shaped like fluxcd/flux2-kustomize-helm-example (clusters/<env>, a base
// and one overlay per environment) with a Git source, loaded once per test file through kustomize.
import { fileURLToPath } from 'node:url';
import { loadModel, type LoadedModel } from '../../src/infra/index.ts';

export const FLUX_OVERLAYS = fileURLToPath(new URL('../fixtures/compare/flux-overlays', import.meta.url));
/** Source paths are relative to the Git repository: this one. */
export const AT = 'tests/fixtures/compare/flux-overlays';

let loaded: Promise<LoadedModel> | undefined;

export function fluxOverlays(): Promise<LoadedModel> {
  loaded ??= loadModel({ root: FLUX_OVERLAYS, checks: [] });
  return loaded;
}
