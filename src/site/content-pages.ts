// Which file each content page of the build was made from (address → path relative to the project), shared between
// the pages' bundle, where Starlight's route middleware sees it, and the integration that checks the built pages.
import { compareText } from '../infra/index.ts';

const SLOT = Symbol.for('ffe.contentPages');
type Holder = { [SLOT]?: Map<string, string> };

function pages(): Map<string, string> {
  return ((globalThis as Holder)[SLOT] ??= new Map());
}

export function recordContentPage(pathname: string, file: string): void {
  pages().set(pathname, file);
}

/** Address → source file, in address order. */
export function contentPages(): Map<string, string> {
  return new Map([...pages()].sort(([a], [b]) => compareText(a, b)));
}

export function forgetContentPages(): void {
  pages().clear();
}
