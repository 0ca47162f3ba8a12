// The legibility section of `npm run bench`: every diagram page of the built site measured in Chromium at 1280 × 900
// and on a 390 px phone (see site-legibility.ts), summed up per kind of page, then diagram by diagram.
import { launchChromium } from './site-chromium.ts';
import { DESKTOP, PHONE, TARGETS, legibilityRoutes, measureDiagrams, summarise, type DiagramMeasure } from './site-legibility.ts';

const px = (value: number): string => `${value.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} px`;

/** How many resource-page diagrams to list one by one: the widest, the others are in the summary. */
const WIDEST_RESOURCES = 10;

export async function benchLegibility(origin: string, distDir: string): Promise<string[]> {
  const browser = await launchChromium();
  let desktop: DiagramMeasure[];
  let phone: DiagramMeasure[];
  try {
    const routes = legibilityRoutes(distDir);
    desktop = await measureDiagrams(browser, origin, routes, DESKTOP);
    phone = await measureDiagrams(browser, origin, routes, PHONE);
  } finally {
    await browser.close();
  }
  const lines: string[] = [];
  const column = Math.max(0, ...desktop.map((m) => m.boxWidth));
  lines.push(
    `  lisibilité des schémas (colonne de ${column} px à 1280 px ; cibles : aucun défilement à 1280 px, ` +
      `étiquettes médianes ≥ ${TARGETS.desktopMedianPx} px à 1280 et ≥ ${TARGETS.phoneMedianPx} px à 390) :`,
  );
  lines.push('    pages            schémas   défilent à 1280   pire médiane 1280   défilent à 390   pire médiane 390');
  const phoneSummary = new Map(summarise(phone).map((s) => [s.kind, s]));
  for (const s of summarise(desktop)) {
    const p = phoneSummary.get(s.kind);
    lines.push(
      `    ${s.kind.padEnd(16)} ${String(s.diagrams).padStart(7)}   ${String(s.overflowing).padStart(15)}   ${px(s.worstMedianPx).padStart(17)}` +
        `   ${String(p?.overflowing ?? 0).padStart(14)}   ${px(p?.worstMedianPx ?? 0).padStart(16)}`,
    );
  }
  // Each diagram once (the same diagram is shown on several pages), architecture, environment and namespace pages in
  // full, then the widest resource diagrams.
  const seen = new Set<string>();
  const unique = desktop.filter((m) => !seen.has(m.id) && seen.add(m.id) !== undefined);
  const onPhone = new Map(phone.map((m) => [m.id, m]));
  const listed = [
    ...unique.filter((m) => m.kind !== 'resource'),
    ...unique.filter((m) => m.kind === 'resource').sort((a, b) => b.naturalWidth - a.naturalWidth).slice(0, WIDEST_RESOURCES),
  ];
  lines.push('    schéma (page)                                             dessiné   médiane 1280   médiane 390   défile à 1280');
  for (const m of listed) {
    const p = onPhone.get(m.id);
    lines.push(
      `    ${`${m.id} (${m.route})`.slice(0, 56).padEnd(56)} ${px(m.naturalWidth).padStart(9)}   ${px(m.medianLabelPx).padStart(12)}   ${px(p?.medianLabelPx ?? 0).padStart(11)}   ${m.overflows ? 'oui' : 'non'}`,
    );
  }
  return lines;
}
