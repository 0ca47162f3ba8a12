import { describe, expect, it } from 'vitest';
import { joinFrench, modelFromYaml, plural, summaryLine } from '../../src/infra/index.ts';

describe('French wording helpers', () => {
  it('agrees the noun with the count, 0 and 1 in the singular, and keeps the number with its noun', () => {
    expect(plural(0, 'erreur')).toBe('0\u00a0erreur');
    expect(plural(1, 'ressource')).toBe('1\u00a0ressource');
    expect(plural(2, 'nombre de répliques', 'nombres de répliques')).toBe('2\u00a0nombres de répliques');
    expect(plural(1234, 'ressource')).toBe('1\u202f234\u00a0ressources');
  });

  it('joins lists with « et », or with « ou » for alternatives', () => {
    expect(joinFrench([])).toBe('');
    expect(joinFrench(['a'])).toBe('a');
    expect(joinFrench(['a', 'b', 'c'])).toBe('a, b et c');
    expect(joinFrench(['« a »', '« b »'], 'ou')).toBe('« a » ou « b »');
  });

  it('words the summary of the findings page and of `npm run check` with the same helper', () => {
    // The report had its own plural, with a breaking space: « 260 » could end a line and « ressources » start the next.
    const model = modelFromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: ns}\n', { checks: [] });
    expect(summaryLine(model)).toBe('0\u00a0erreur, 0\u00a0avertissement, 0\u00a0note — 1\u00a0ressource (environnements : default).');
  });
});
