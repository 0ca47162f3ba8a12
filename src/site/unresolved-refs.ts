// The references of the pages that did not resolve in a build made with FFE_ALLOW_ERRORS=1: recorded by the MDX
// check as it compiles each page, listed on the findings page and at the end of the build (one list per build, kept
// by the build session: session.ts).
import { compareText } from '../infra/index.ts';

export interface UnresolvedReference {
  /** Project-relative MDX file. */
  file: string;
  line: number;
  column: number;
  /** The element as written. */
  element: string;
  message: string;
}

export class UnresolvedReferences {
  private readonly byPlace = new Map<string, UnresolvedReference>();

  record(reference: UnresolvedReference): void {
    this.byPlace.set(`${reference.file}:${reference.line}:${reference.column}`, reference);
  }

  /** A page compiled again (dev server) reports its references afresh. */
  forget(file: string): void {
    for (const [key, reference] of this.byPlace) if (reference.file === file) this.byPlace.delete(key);
  }

  forgetAll(): void {
    this.byPlace.clear();
  }

  /** Every unresolved reference, by file then position. */
  list(): UnresolvedReference[] {
    return [...this.byPlace.values()].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
  }
}

/** `content/docs/x.mdx:12:5 — <Ref … /> : message`: how the build names an unresolved reference. */
export function formatUnresolved(reference: UnresolvedReference): string {
  return `${reference.file}:${reference.line}:${reference.column} — ${reference.element} : ${reference.message}`;
}
