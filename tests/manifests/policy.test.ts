import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/infra/policy/index.ts';
import { renderEnvironment } from './render.ts';

describe.each(['production', 'staging'])('the %s manifests keep every platform rule', (env) => {
  it('with zero violations', () => {
    const violations = evaluatePolicy(renderEnvironment(env).objects);
    expect(violations.map((v) => `${v.rule} ${v.kind} ${v.namespace ?? ''}/${v.name}: ${v.message}`)).toEqual([]);
  });
});
