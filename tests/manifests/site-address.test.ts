// One reality: the address the site declares for itself is the host its own Ingress publishes in production.
import { describe, expect, it } from 'vitest';
import { SITE_URL } from '../../src/config.ts';
import { endpointsOf, loadModel } from '../../src/infra/index.ts';

describe('the site address', () => {
  it('is the production host of the documentation site’s Ingress', async () => {
    const model = await loadModel({ checks: [] });
    const production = model.environments.find((env) => env.name === 'production')!;
    const docsHosts = endpointsOf(production)
      .filter((endpoint) => endpoint.route.split('/')[3] === 'ffe-docs')
      .map((endpoint) => endpoint.host);
    expect(docsHosts).toContain(new URL(SITE_URL).host);
  });
});
