// Findings: stable codes, deterministic order, and the one-line text format shared by the CLI and the build.
import { compareText as compareDefined, type Finding, type Severity, type SourceLocation } from './model.ts';
import { terminalSafe } from './terminal.ts';

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'erreur',
  warning: 'avertissement',
  notice: 'note',
};

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '(sans fichier)';
  return `${location.path}:${location.line}${location.column !== undefined ? `:${location.column}` : ''}`;
}

/**
 * "chemin:ligne:col  erreur  CODE  message" then "  → hint" when there is one. Each part quotes the manifests, so its
 * control characters are escaped: one finding is always these one or two lines (terminal.ts).
 */
export function formatFinding(f: Finding): string {
  const head = `${terminalSafe(formatLocation(f.location))}  ${SEVERITY_LABEL[f.severity]}  ${terminalSafe(f.code)}  ${terminalSafe(f.message)}`;
  return f.hint ? `${head}\n  → ${terminalSafe(f.hint)}` : head;
}

/** Code-unit order (model.ts), an absent value first. */
function compareText(a: string | undefined, b: string | undefined): number {
  return compareDefined(a ?? '', b ?? '');
}

/** File, line, column, then severity, code, environment and message: the same input always prints the same list. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location?.path ?? '\uffff', b.location?.path ?? '\uffff') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.code, b.code) ||
    compareText(a.env, b.env) ||
    compareText(a.resource, b.resource) ||
    compareText(a.message, b.message)
  );
}

/**
 * Sorted, with exact repeats removed: a file loaded by two environments reports its syntax error once, while a
 * finding about a resource keeps one entry per environment.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of [...findings].sort(compareFindings)) {
    const id = JSON.stringify([f.code, f.severity, f.message, f.location, f.env, f.resource]);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(f);
  }
  return out;
}

/**
 * Each finding once per place: the same message at the same file and line, whatever the environments and resources
 * it was found in (a base file rendered by twelve kustomizations is one thing to fix, not twelve). What readers see —
 * `npm run check`, the build, the findings page — is this list; the model keeps every finding for the resource pages.
 */
export function distinctFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of sortFindings(findings)) {
    const id = JSON.stringify([f.code, f.severity, f.message, formatLocation(f.location)]);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(f);
  }
  return out;
}

/** Findings grouped by file, files in order, each finding once per place, for the CLI. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of distinctFindings(findings)) {
    const file = f.location?.path ?? '(sans fichier)';
    const list = groups.get(file) ?? [];
    list.push(f);
    groups.set(file, list);
  }
  return groups;
}
