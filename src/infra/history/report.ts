// The comparison of two states as French Markdown, ready to paste in a pull request (`npm run diff`), and as JSON
// (`--json`). Values come from the manifests: they are escaped, so that a name cannot turn into a link or markup.
import { SEVERITY_LABEL } from '../findings.ts';
import { plural } from '../french.ts';
import type { ChangeType, EnvironmentChanges, ObjectChange, StateComparison } from './compare.ts';
import type { DiffResult } from './diff.ts';
import type { StateFinding } from './state.ts';

/** Control characters (a terminal escape sequence written in a manifest) never reach the terminal or the page. */
const printable = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');

/** Markdown's inline markup characters, escaped: a value is shown as written. */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(/[\\`*_<>~]/g, (c) => `\\${c}`)
    .replace(/\]([([])/g, ']\\$1');
}

const code = (raw: string): string => {
  const text = printable(raw);
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
};

const SECTIONS: { type: ChangeType; title: string }[] = [
  { type: 'added', title: 'Ajouts' },
  { type: 'removed', title: 'Retraits' },
  { type: 'changed', title: 'Modifications' },
];

/** Sections longer than this are folded (`<details>`), so that a new environment does not bury the rest. */
const FOLD_AFTER = 15;

function objectLine(change: ObjectChange): string {
  const parts =
    change.type === 'changed'
      ? [...change.values.map((v) => escapeMarkdown(v.text)), ...change.fields.map((f) => `${code(f.path)} : ${escapeMarkdown(f.change)}`)]
      : change.details.map(escapeMarkdown);
  const details = parts.length > 0 ? ` — ${parts.join(' ; ')}` : '';
  return `- ${code(change.label)}${details} (${code(`${change.path}:${change.line}`)})`;
}

function findingLine(f: StateFinding): string {
  const where = f.path ? ` (${code(`${f.path}:${f.line ?? 1}`)})` : '';
  return `- ${SEVERITY_LABEL[f.severity]} ${code(f.code)} — ${escapeMarkdown(f.message)}${where}`;
}

function block(title: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  if (lines.length <= FOLD_AFTER) return [`**${title} (${lines.length})**`, '', ...lines, ''];
  return [`<details><summary>${title} (${lines.length})</summary>`, '', ...lines, '', '</details>', ''];
}

const STATUS_LINE: Record<EnvironmentChanges['status'], (e: EnvironmentChanges) => string> = {
  created: (e) => `Nouvel environnement : ${plural(e.after, 'objet', 'objets')}.`,
  removed: (e) => `Environnement retiré (il comptait ${plural(e.before, 'objet', 'objets')}).`,
  changed: (e) => (e.after === e.before ? `${plural(e.after, 'objet', 'objets')}.` : `${plural(e.after, 'objet', 'objets')} (${e.after > e.before ? '+' : '−'}${Math.abs(e.after - e.before)}).`),
};

function environmentMarkdown(e: EnvironmentChanges): string[] {
  const lines = [`### ${escapeMarkdown(e.env)}`, '', STATUS_LINE[e.status](e), ''];
  for (const section of SECTIONS) lines.push(...block(section.title, e.objects.filter((o) => o.type === section.type).map(objectLine)));
  lines.push(...block('Constats introduits', e.introduced.map(findingLine)));
  lines.push(...block('Constats corrigés', e.fixed.map(findingLine)));
  return lines;
}

/** The comparison's body: one section per environment that changed, then the findings about no environment. */
export function comparisonMarkdown(comparison: StateComparison): string[] {
  const lines: string[] = [];
  for (const e of comparison.environments) lines.push(...environmentMarkdown(e));
  if (comparison.introduced.length + comparison.fixed.length > 0) {
    lines.push('### Hors environnement', '');
    lines.push(...block('Constats introduits', comparison.introduced.map(findingLine)));
    lines.push(...block('Constats corrigés', comparison.fixed.map(findingLine)));
  }
  return lines;
}

export function diffMarkdown(result: DiffResult): string {
  const target = result.target === 'head' ? `HEAD (${code(result.head.slice(0, 12))})` : 'l’arbre de travail';
  const lines = ['## Changements de l’infrastructure', '', `Ce que change ${target} par rapport à ${code(result.ref)} (${code(result.base.slice(0, 12))}), environnement par environnement.`, ''];
  const body = comparisonMarkdown(result.comparison);
  if (body.length === 0) lines.push('Aucun changement : chaque environnement déploie les mêmes objets, avec les mêmes valeurs.', '');
  else lines.push(...body);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The machine-readable form of `npm run diff -- --json`. */
export function diffJson(result: DiffResult): unknown {
  const { comparison } = result;
  const objects = comparison.environments.reduce((n, e) => n + e.objects.length, 0);
  return {
    ok: comparison.environments.length === 0 && comparison.introduced.length === 0 && comparison.fixed.length === 0,
    ref: result.ref,
    base: result.base,
    target: result.target,
    head: result.head,
    changes: objects,
    environments: comparison.environments,
    introduced: comparison.introduced,
    fixed: comparison.fixed,
  };
}
