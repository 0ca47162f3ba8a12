// Mermaid configuration shared by the build-time renderer and the client-side fallback, so both draw the same
// picture. Pure data: no Node or DOM imports (this module ends up in the browser bundle too).

export type ThemeVariant = 'light' | 'dark';
export const THEME_VARIANTS: readonly ThemeVariant[] = ['light', 'dark'];

/** Starlight's --sl-font-system: the reader's own fonts, no web font to download. */
export const SYSTEM_FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', Arial, sans-serif";

type Hsl = readonly [hue: number, saturation: number, lightness: number];

/** Mermaid derives shades with khroma, which is only reliable on hex input; Starlight defines its palette in HSL. */
export function hslToHex([h, s, l]: Hsl): string {
  const sat = s / 100;
  const light = l / 100;
  const a = sat * Math.min(light, 1 - light);
  const channel = (n: number): string => {
    const k = (n + h / 30) % 12;
    const value = light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

// Values copied from @astrojs/starlight/style/props.css (light and dark palettes, default accent).
const STARLIGHT = {
  light: {
    bg: [0, 0, 100],
    text: [224, 14, 16],
    muted: [224, 7, 36],
    hairline: [224, 6, 77],
    surface: [224, 20, 94],
    surfaceSoft: [224, 19, 97],
    accent: [234, 90, 60],
    accentLow: [234, 88, 90],
    accentHigh: [234, 80, 30],
  },
  dark: {
    bg: [224, 10, 10],
    text: [224, 20, 94],
    muted: [224, 6, 56],
    hairline: [224, 7, 36],
    surface: [224, 10, 23],
    surfaceSoft: [224, 14, 16],
    accent: [224, 100, 60],
    accentLow: [224, 54, 20],
    accentHigh: [224, 100, 85],
  },
} as const satisfies Record<ThemeVariant, Record<string, Hsl>>;

export function themeVariables(variant: ThemeVariant): Record<string, string | boolean> {
  const p = STARLIGHT[variant];
  const hex = (c: Hsl) => hslToHex(c);
  return {
    darkMode: variant === 'dark',
    fontFamily: SYSTEM_FONT_STACK,
    fontSize: '16px',
    background: hex(p.bg),
    primaryColor: hex(p.accentLow),
    primaryTextColor: hex(p.text),
    primaryBorderColor: variant === 'dark' ? hex(p.accentHigh) : hex(p.accent),
    secondaryColor: hex(p.surface),
    secondaryTextColor: hex(p.text),
    secondaryBorderColor: hex(p.hairline),
    tertiaryColor: hex(p.surfaceSoft),
    tertiaryTextColor: hex(p.text),
    tertiaryBorderColor: hex(p.hairline),
    lineColor: hex(p.muted),
    textColor: hex(p.text),
    mainBkg: hex(p.accentLow),
    nodeBorder: variant === 'dark' ? hex(p.accentHigh) : hex(p.accent),
    clusterBkg: hex(p.surfaceSoft),
    clusterBorder: hex(p.hairline),
    titleColor: hex(p.text),
    edgeLabelBackground: hex(p.bg),
  };
}

/**
 * The whole mermaid configuration for one variant. `securityLevel: 'strict'` still turns `click X href "…"` into
 * links but drops unsafe URLs and callbacks; `htmlLabels: false` writes labels as SVG text (no foreignObject).
 */
export function mermaidConfig(variant: ThemeVariant): Record<string, unknown> {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    look: 'classic',
    htmlLabels: false,
    deterministicIds: true,
    fontFamily: SYSTEM_FONT_STACK,
    themeVariables: themeVariables(variant),
    // Resource names are long and unbreakable (kube-prometheus-stack): wrap labels later than mermaid's 200 px.
    // Tighter than mermaid's 50 px: the views stack frames and lists, and every pixel of width is a pixel of label size
    // once the diagram is fitted to the 712 px column (measured: the newsletter namespace 1179 → 752 px wide).
    flowchart: { useMaxWidth: true, padding: 12, wrappingWidth: 280, nodeSpacing: 24, rankSpacing: 40 },
  };
}

/** SVG element ids must be valid CSS identifiers: mermaid scopes its stylesheet with `#id`. */
export function svgIdBase(diagramId: string): string {
  const cleaned = diagramId.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === diagramId && /^[A-Za-z]/.test(cleaned) ? cleaned : `d-${cleaned}-${shortHash(diagramId)}`;
}

export function svgIdFor(diagramId: string, variant: ThemeVariant): string {
  return `${svgIdBase(diagramId)}-${variant}`;
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
