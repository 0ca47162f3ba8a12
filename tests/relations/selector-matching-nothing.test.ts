import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('a Service selector matching no pod', () => {
  const result = relationsOf('selector-empty');

  it('is a warning; Services without selector and ExternalName Services are left alone', () => {
    expect(result.findings.map((f) => [f.code, f.severity, f.resource])).toEqual([
      ['FFE-W-SELECTOR-EMPTY', 'warning', key('', 'Service', 'ffe', 'web')],
    ]);
    expect(result.findings[0].message).toContain('app=wbe');
    expect(result.relations.filter((r) => r.type === 'selects')).toEqual([]);
  });
});
