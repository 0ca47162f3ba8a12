// Mermaid configuration shared by the build-time renderer and the client-side fallback, so both draw the same
// picture. Pure data: no Node or DOM imports (this module ends up in the browser bundle too).
import { sentinelOf, type ColourRole } from './palette.ts';

/** Starlight's --sl-font-system: the reader's own fonts, no web font to download. */
export const SYSTEM_FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', Arial, sans-serif";

/**
 * Label size at the drawn scale. diagram.css lets a diagram shrink to 12 px labels on a wide screen and 10 px on a
 * phone before it scrolls: keep the three figures together.
 */
export const LABEL_FONT_PX = 14;

/** Every mermaid colour a flowchart uses, set to a role's sentinel so none is derived (see palette.ts). */
const THEME_ROLES: Record<string, ColourRole> = {
  primaryColor: 'node-fill',
  mainBkg: 'node-fill',
  nodeBkg: 'node-fill',
  primaryBorderColor: 'node-border',
  nodeBorder: 'node-border',
  primaryTextColor: 'text',
  secondaryTextColor: 'text',
  tertiaryTextColor: 'text',
  textColor: 'text',
  nodeTextColor: 'text',
  titleColor: 'text',
  errorTextColor: 'text',
  lineColor: 'line',
  arrowheadColor: 'line',
  defaultLinkColor: 'line',
  background: 'label-background',
  secondaryColor: 'label-background',
  edgeLabelBackground: 'label-background',
  tertiaryColor: 'group-fill',
  clusterBkg: 'group-fill',
  errorBkgColor: 'group-fill',
  secondaryBorderColor: 'group-border',
  tertiaryBorderColor: 'group-border',
  clusterBorder: 'group-border',
  border2: 'group-border',
};

export function themeVariables(): Record<string, string | boolean> {
  return {
    darkMode: false,
    fontFamily: SYSTEM_FONT_STACK,
    fontSize: `${LABEL_FONT_PX}px`,
    ...Object.fromEntries(Object.entries(THEME_ROLES).map(([name, role]) => [name, sentinelOf(role)])),
  };
}

/**
 * The whole mermaid configuration. `securityLevel: 'strict'` still turns `click X href "…"` into links but drops
 * unsafe URLs and callbacks; `htmlLabels: false` writes labels as SVG text (no foreignObject). dagre lays out about
 * three times faster than ELK on our graphs; a graph that reads better with ELK asks for it (flowchart.ts).
 * Spacing is set for Starlight's content column (632 px at 1280 px, see scripts/lib/site-legibility.ts): tighter than
 * mermaid's defaults, since the views stack frames and lists and every pixel of width is a pixel of label size once
 * the diagram is fitted to the column (measured on the redesigned views: padding 12 and ranks 40 px left the data
 * view 778 px wide, 8 and 36 make it 731 px, under the 737 px that fit at 12 px labels). Views break their labels
 * themselves (`\n`, at most two lines) and resource names are long and unbreakable: wrapping at 180 px cut
 * « manifests/apps/production » and « prometheus-operator-crds » mid-word, 280 px leaves the views' lines whole.
 */
export function mermaidConfig(): Record<string, unknown> {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    look: 'classic',
    layout: 'dagre',
    htmlLabels: false,
    deterministicIds: true,
    // Shapes are drawn through rough.js even in the classic look; with mermaid's default seed (0) it places the control
    // points of straight edges with Math.random(), so two cold builds wrote different bytes for the same picture.
    handDrawnSeed: 1,
    fontFamily: SYSTEM_FONT_STACK,
    fontSize: LABEL_FONT_PX,
    themeVariables: themeVariables(),
    flowchart: { useMaxWidth: true, padding: 8, wrappingWidth: 280, nodeSpacing: 24, rankSpacing: 36, diagramPadding: 8 },
    // ELK ignores the flowchart spacing above (its own is fixed); network-simplex placement in declaration order
    // routes a view's edges through fewer lanes: the network view drops from 773 to 693 px.
    elk: { preset: 'modelOrder' },
  };
}

/**
 * The configuration of the build's tabs: the shared one, except that mermaid does not pass its whole SVG through
 * DOMPurify once drawn (`strict` does: 14 % of the drawing time, for the same picture). Labels are still sanitised one
 * by one by mermaid; finishSvg keeps no script, no event handler and no link but plain navigation; and what is drawn
 * is the site's own views or the repository's own MDX, which can hold HTML of its own anyway.
 */
export function buildMermaidConfig(): Record<string, unknown> {
  return { ...mermaidConfig(), securityLevel: 'loose' };
}

/** SVG element ids must be valid CSS identifiers: mermaid scopes its stylesheet with `#id`. */
export function svgIdBase(diagramId: string): string {
  const cleaned = diagramId.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === diagramId && /^[A-Za-z]/.test(cleaned) ? cleaned : `d-${cleaned}-${shortHash(diagramId)}`;
}

/** FNV-1a: keeps sanitised ids distinct ("a/b" vs "a-b") without needing node:crypto in the browser. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
