// The one model of a build (or of a dev-server session until a manifest changes), shared by the integration, which
// checks it before anything is built, and by every generated page. The integration and the pages are loaded by two
// module systems (Node and Vite), so the model is kept on globalThis rather than in a module variable.
import { loadModel, type Model } from '../infra/index.ts';

const SLOT = Symbol.for('ffe.model');
type Holder = { [SLOT]?: Promise<Model> };

export function getModel(): Promise<Model> {
  const holder = globalThis as Holder;
  holder[SLOT] ??= loadModel();
  return holder[SLOT];
}

/** Use an already loaded model (the build gate loaded it to check it). */
export function setModel(model: Model): void {
  (globalThis as Holder)[SLOT] = Promise.resolve(model);
}

/** Forget the loaded model, so the next page asks the manifests again (dev server, after an edit). */
export function forgetModel(): void {
  delete (globalThis as Holder)[SLOT];
}
