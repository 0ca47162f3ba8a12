// The colours of every diagram, by role. A diagram is drawn once, in sentinel colours; svg-finish.ts then replaces
// each sentinel by `var(--ffe-diagram-<role>)`, so one SVG follows the reader's theme: diagram.css gives the values
// on the site (light, and dark under Starlight's data-theme), standalone.ts inside each standalone .svg file (light,
// and dark under prefers-color-scheme). Pure data: this module also runs in the reader's browser (client fallback).

export type ColourRole =
  | 'text'
  | 'node-fill'
  | 'node-border'
  | 'line'
  | 'label-background'
  | 'group-fill'
  | 'group-border'
  | 'workload'
  | 'service'
  | 'ingress'
  | 'data'
  | 'secret'
  | 'config'
  | 'gitops'
  | 'policy'
  | 'external'
  | 'other';

export interface DiagramColour {
  role: ColourRole;
  /** What mermaid draws with: a colour no author would pick, unique per role. */
  sentinel: string;
  light: string;
  dark: string;
}

/**
 * Node, line and group colours are Starlight's default palette (@astrojs/starlight/style/props.css); the kind
 * colours (the strokes of CLASS_DEFS in flowchart.ts) are mid-tones, lighter in the dark theme so they keep their
 * contrast against the dark node fill.
 */
const COLOURS: readonly (readonly [ColourRole, string, string])[] = [
  ['text', '#23262f', '#edeef3'], // --sl-color-white (text)
  ['node-fill', '#cfd4fc', '#17264f'], // --sl-color-accent-low
  ['node-border', '#3d50f5', '#b3c7ff'], // --sl-color-accent / --sl-color-accent-high
  ['line', '#555962', '#888c96'], // --sl-color-gray-3
  ['label-background', '#ffffff', '#17181c'], // --sl-color-bg
  ['group-fill', '#f6f7f9', '#23262f'], // --sl-color-gray-7 / gray-6
  ['group-border', '#c1c3c8', '#555962'], // --sl-color-hairline
  ['workload', '#2b7bb9', '#5aa9e6'],
  ['service', '#1f9e89', '#35c9ae'],
  ['ingress', '#c2410c', '#fb8a4c'],
  ['data', '#8e44ad', '#c08ee0'],
  ['secret', '#b8860b', '#e3b341'],
  ['config', '#6b7280', '#9ca3af'],
  ['gitops', '#2e8b57', '#5cc98a'],
  ['policy', '#6b7280', '#9ca3af'],
  ['external', '#9ca3af', '#6b7280'],
  ['other', '#6b7280', '#9ca3af'],
];

export const DIAGRAM_COLOURS: readonly DiagramColour[] = COLOURS.map(([role, light, dark], index) => ({
  role,
  sentinel: `#f1e0${(index + 1).toString(16).padStart(2, '0')}`,
  light,
  dark,
}));

export function colourVariable(role: ColourRole): string {
  return `--ffe-diagram-${role}`;
}

export function sentinelOf(role: ColourRole): string {
  const colour = DIAGRAM_COLOURS.find((c) => c.role === role);
  if (!colour) throw new Error(`couleur de schéma inconnue : ${role}`);
  return colour.sentinel;
}

/** Sentinel RGB → custom property, in the form finishSvg() takes (it runs in the browser and cannot import). */
export function sentinelTable(): [number, number, number, string][] {
  return DIAGRAM_COLOURS.map((c) => [
    Number.parseInt(c.sentinel.slice(1, 3), 16),
    Number.parseInt(c.sentinel.slice(3, 5), 16),
    Number.parseInt(c.sentinel.slice(5, 7), 16),
    colourVariable(c.role),
  ]);
}

/** `--ffe-diagram-text: #23262f;` and so on, one declaration per role, for one theme. */
export function paletteDeclarations(theme: 'light' | 'dark'): string[] {
  return DIAGRAM_COLOURS.map((c) => `${colourVariable(c.role)}: ${c[theme]};`);
}
