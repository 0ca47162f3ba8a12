// Turns the author's Markdown into the sentences a reader must find on the page.

/** Plain text of a Markdown line: links, emphasis, headings, quotes and list markers removed. */
function plainLine(line: string): string {
  return line
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])\*(\S[^*]*?)\*/g, '$1$2')
    .replace(/^\s*>\s?/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/^#{1,6}\s+/, '')
    .replace(/^\s*[*-]\s+/, '')
    .replace(/^•\s*/, '');
}

/**
 * Sentences of the seed, each a piece of text that must appear verbatim on the page. The "Sommaire" block is left
 * out: on the site the table of contents is generated from the headings (its anchors are checked apart).
 */
export function seedSentences(markdown: string): string[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let inSommaire = false;
  for (const raw of lines) {
    if (/^##\s+Sommaire/.test(raw)) {
      inSommaire = true;
      continue;
    }
    if (inSommaire && /^(---|##\s)/.test(raw)) inSommaire = false;
    if (inSommaire) continue;
    if (/^\s*-{3,}\s*$/.test(raw)) continue;
    const line = plainLine(raw).trim();
    if (line) kept.push(line);
  }
  return kept
    .flatMap((line) => line.split(/(?<=[.!?…;:])\s+/))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

/** Anchors the seed's "Sommaire" links to. */
export function seedAnchors(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => decodeURIComponent(m[1]!));
}
