// mermaid.parse in Node: mermaid sanitises labels with DOMPurify, which needs a DOM; a pass-through stub is enough to
// check the syntax (nothing is rendered here).
import DOMPurify from 'dompurify';

Object.assign(DOMPurify, { addHook() {}, removeHook() {}, removeHooks() {}, sanitize: (text: unknown) => String(text) });
const { default: mermaid } = await import('mermaid');

/** Resolves when mermaid accepts the text, rejects with mermaid's parse error otherwise. */
export async function parseMermaid(code: string): Promise<void> {
  await mermaid.parse(code);
}
