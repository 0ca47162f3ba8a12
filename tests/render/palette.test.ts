// The diagram colours live in two places a reader sees: diagram.css (the site, under Starlight's theme) and the
// standalone files (under the system's colour scheme, from palette.ts). They must say the same thing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_DEFS } from '../../src/render/flowchart.ts';
import { DIAGRAM_COLOURS, colourVariable } from '../../src/render/palette.ts';
import { themeVariables } from '../../src/render/theme.ts';

const css = readFileSync(path.resolve(import.meta.dirname, '../../src/render/diagram.css'), 'utf8');

/** The custom properties declared in the first block opened by `selector`. */
function declarations(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, `diagram.css n’a pas de bloc « ${selector} »`).toBeGreaterThanOrEqual(0);
  const block = css.slice(start, css.indexOf('}', start));
  return new Map([...block.matchAll(/(--ffe-diagram-[a-z-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

describe('the diagram palette', () => {
  it.each(['light', 'dark'] as const)('declares every role in diagram.css with palette.ts’s %s value', (theme) => {
    const declared = declarations(theme === 'light' ? ':root' : ":root[data-theme='dark']");
    const expected = DIAGRAM_COLOURS.map((c) => `${colourVariable(c.role)}: ${c[theme]}`);
    const found = DIAGRAM_COLOURS.map((c) => `${colourVariable(c.role)}: ${declared.get(colourVariable(c.role)) ?? '(absente)'}`);
    expect(found).toEqual(expected);
  });

  it('gives every role its own sentinel, none of them a colour mermaid uses on its own', () => {
    const sentinels = DIAGRAM_COLOURS.map((c) => c.sentinel);
    expect(new Set(sentinels).size).toBe(sentinels.length);
    for (const sentinel of sentinels) expect(sentinel).toMatch(/^#[0-9a-f]{6}$/);
    expect(sentinels).not.toContain('#000000');
    expect(sentinels).not.toContain('#ffffff');
  });

  it('draws with sentinels only: theme variables and node classes', () => {
    const sentinels = new Set(DIAGRAM_COLOURS.map((c) => c.sentinel));
    const colours = Object.entries(themeVariables()).filter(([, value]) => typeof value === 'string' && value.startsWith('#'));
    expect(colours.length).toBeGreaterThan(10);
    for (const [name, value] of colours) expect(sentinels.has(String(value)), name).toBe(true);
    for (const [cls, style] of Object.entries(CLASS_DEFS)) {
      for (const hex of style.match(/#[0-9a-f]{6}/gi) ?? []) expect(sentinels.has(hex), cls).toBe(true);
    }
  });
});
