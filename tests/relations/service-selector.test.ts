import { describe, expect, it } from 'vitest';
import { key, ofType, relationsOf } from './helpers.ts';

describe('Service → workloads', () => {
  const result = relationsOf('service-selector');

  it('selects only the workloads of its namespace whose pod labels match, with named target ports resolved', () => {
    expect(ofType(result, 'selects')).toEqual([
      {
        type: 'selects',
        from: key('', 'Service', 'ffe', 'web'),
        to: key('apps', 'Deployment', 'ffe', 'web'),
        reason: 'sélectionne les pods app.kubernetes.io/name=web',
        detail: { selector: 'app.kubernetes.io/name=web', ports: '80→http (8080)' },
      },
    ]);
    expect(result.findings).toEqual([]);
  });
});
