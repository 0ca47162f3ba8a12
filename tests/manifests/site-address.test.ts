// One reality: the address the site declares for itself (ffe.config.ts) is the host its own Ingress publishes in
// the default environment.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ffeConfig from '../../ffe.config.ts';
import { endpointsOf, loadModel } from '../../src/infra/index.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';

describe('the site address', () => {
  it('is the host of the documentation site’s Ingress in the default environment', async () => {
    const options = resolveFfeOptions(ffeConfig, resolve(import.meta.dirname, '../..'), {});
    const model = await loadModel({ root: options.manifests.root, checks: [] });
    const environment = model.environments.find((env) => env.name === options.environments.default)!;
    const docsHosts = endpointsOf(environment)
      .filter((endpoint) => endpoint.route.split('/')[3] === 'ffe-docs')
      .map((endpoint) => endpoint.host);
    expect(docsHosts).toContain(new URL(options.site!).host);
  });
});
