// The references of the pages that did not resolve in a build made with FFE_ALLOW_ERRORS=1: recorded by the MDX
// check as it compiles each page, listed on the findings page and at the end of the build. The MDX compiler and the
// pages run in two module systems of the same process, so the list is kept on globalThis.
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

const SLOT = Symbol.for('ffe.unresolvedReferences');
type Holder = { [SLOT]?: Map<string, UnresolvedReference> };

function store(): Map<string, UnresolvedReference> {
  const holder = globalThis as Holder;
  holder[SLOT] ??= new Map();
  return holder[SLOT];
}

export function recordUnresolved(reference: UnresolvedReference): void {
  store().set(`${reference.file}:${reference.line}:${reference.column}`, reference);
}

/** A page compiled again (dev server) reports its references afresh. */
export function forgetUnresolved(file: string): void {
  for (const [key, reference] of store()) if (reference.file === file) store().delete(key);
}

export function forgetAllUnresolved(): void {
  store().clear();
}

/** Every unresolved reference, by file then position. */
export function unresolvedReferences(): UnresolvedReference[] {
  return [...store().values()].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
}

/** `content/docs/x.mdx:12:5 — <Ref … /> : message`: how the build names an unresolved reference. */
export function formatUnresolved(reference: UnresolvedReference): string {
  return `${reference.file}:${reference.line}:${reference.column} — ${reference.element} : ${reference.message}`;
}
