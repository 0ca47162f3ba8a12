import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('a Service targetPort naming no container port', () => {
  const result = relationsOf('targetport-unknown');

  it('is an error on the Service, naming the port and the selected workloads', () => {
    expect(result.findings).toEqual([
      {
        code: 'FFE-E-TARGETPORT-UNKNOWN',
        severity: 'error',
        message:
          'Le Service web (namespace ffe) envoie le port 9090 vers le port nommé « metrics », qu’aucun conteneur des pods sélectionnés ne déclare.',
        hint: 'Nommez « metrics » un port de conteneur dans Deployment web, ou corrigez targetPort dans le Service web.',
        location: { path: 'tests/fixtures/relations/targetport-unknown/manifests.yaml', line: 1 },
        env: 'test',
        resource: key('', 'Service', 'ffe', 'web'),
      },
    ]);
  });

  it('still relates the Service to the workload, showing which ports resolve', () => {
    expect(result.relations[0].detail?.ports).toBe('80→http (8080), 9090→metrics (?)');
  });
});
