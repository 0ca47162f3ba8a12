// The text report shared by `npm run check` and the build: findings grouped by file, then a one-line summary.
import { plural } from './french.ts';
import { countBySeverity, distinctFindings, formatFinding, groupByFile, hasErrors } from './findings.ts';
import type { Finding, Model } from './model.ts';
import { terminalSafe } from './terminal.ts';

export interface ReportOptions {
  /** Colour for a terminal: (style, text) → text. Default: none. */
  paint?: (style: 'red' | 'yellow' | 'dim' | 'bold', text: string) => string;
  /** Hide notices (skipped values files…). */
  hideNotices?: boolean;
}

export function summaryLine(model: Model): string {
  const counts = countBySeverity(distinctFindings(model.findings));
  const resources = model.environments.reduce((n, e) => n + e.resources.length, 0);
  const envs = model.environments.map((e) => terminalSafe(e.name)).join(', ') || 'aucun';
  return (
    `${plural(counts.error, 'erreur', 'erreurs')}, ${plural(counts.warning, 'avertissement', 'avertissements')}, ` +
    `${plural(counts.notice, 'note', 'notes')} — ${plural(resources, 'ressource', 'ressources')} ` +
    `(environnements : ${envs}).`
  );
}

export function formatReport(model: Model, options: ReportOptions = {}): string {
  const paint = options.paint ?? ((_style, text) => text);
  const shown: Finding[] = options.hideNotices ? model.findings.filter((f) => f.severity !== 'notice') : model.findings;
  const blocks: string[] = [];
  for (const [file, findings] of groupByFile(shown)) {
    const lines = findings.map((f) => {
      const text = formatFinding(f);
      return f.severity === 'error' ? paint('red', text) : f.severity === 'warning' ? paint('yellow', text) : paint('dim', text);
    });
    blocks.push(`${paint('bold', terminalSafe(file))}\n${lines.join('\n')}`);
  }
  const summary = hasErrors(model.findings) ? paint('red', summaryLine(model)) : summaryLine(model);
  return [...blocks, summary].join('\n\n') + '\n';
}

/** The machine-readable form of `npm run check --json`. */
export function jsonReport(model: Model): unknown {
  return {
    root: model.root,
    repoRoot: model.repoRoot,
    ok: !hasErrors(model.findings),
    summary: countBySeverity(distinctFindings(model.findings)),
    environments: model.environments.map((e) => ({ name: e.name, resources: e.resources.length, namespaces: e.namespaces })),
    findings: distinctFindings(model.findings),
  };
}
