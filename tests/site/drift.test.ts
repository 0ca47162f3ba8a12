// The site built with the fixture exports of both clusters (FFE_SNAPSHOT, set by build.global.ts): each environment
// has its « Écarts entre Git et le cluster » page with exactly the planted differences, linked to both sides; its
// environment page says how many; and no Secret value of the exports reached any built file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Element } from 'hast';
import { listFiles } from '../../scripts/lib/site-dist.ts';
import ffeConfig from '../../ffe.config.ts';
import { gitRoot } from '../../src/infra/index.ts';
import { sourceRepositoryOf } from '../../src/site/model.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';
import { blobUrl, type Repository } from '../../src/site/repository.ts';
import { fixtureSecretValues, FIXTURE_PATH, PLANTS } from '../drift/plan.ts';
import { findAll, main, readPage, visibleText } from './lib/html.ts';

const dist = inject('distDir');
/** Where the build links sources: the site resolves it from the options and the manifests' origin remote. */
let repository: Repository | undefined;
beforeAll(async () => {
  const options = resolveFfeOptions(ffeConfig, resolve(import.meta.dirname, '../..'));
  repository = await sourceRepositoryOf(await gitRoot(options.manifests.root), options);
});
const page = (env: string): string => `/infra/${env}/_ecarts/`;

function built(env: string): boolean {
  return existsSync(join(dist, page(env), 'index.html'));
}

/** The differences listed on an « Écarts » page: one list item each, under the three sections. */
function differences(env: string): Element[] {
  expect(built(env), `${page(env)} absente : ce site a-t-il été construit avec FFE_SNAPSHOT=${FIXTURE_PATH} (voir tests/site/build.global.ts) ?`).toBe(true);
  return findAll(main(readPage(dist, page(env))), (e) => e.tagName === 'li' && (e.properties.className as string[] | undefined)?.includes('ffe-finding') === true);
}

const hrefs = (element: Element): string[] => findAll(element, (e) => e.tagName === 'a').map((a) => String(a.properties.href));

describe('the « Écarts » page of each environment', () => {
  it('lists exactly the planted differences of production', () => {
    const items = differences('production').map((li) => visibleText(li));
    expect(items).toHaveLength(PLANTS.production.length);
    expect(items[0]).toMatch(/^ConfigMap booking\/calcom-debug — dans le cluster, dans aucun manifeste\./);
    expect(items[1]).toMatch(/^Déploiement booking\/calcom — répliques Git 1 Cluster 3 /);
    expect(items[2]).toMatch(/^Déploiement ffe-site\/site — image du conteneur nginx Git ghcr\.io\/ffe-infra\/ffe-site:2\.3\.1 Cluster ghcr\.io\/ffe-infra\/ffe-site:2\.3\.2-correctif /);
  });

  it('lists the Kustomization never applied in staging, with what it deploys', () => {
    const items = differences('staging');
    expect(items).toHaveLength(1);
    expect(visibleText(items[0])).toMatch(/^Kustomization Flux flux-system\/monitoring — jamais appliquée — absente du cluster, comme les 4 ressources qu’elle déploie\./);
    expect(findAll(items[0], (e) => e.tagName === 'details')).toHaveLength(1);
  });

  it('links each difference to the resource page, its Git source and the export’s line', () => {
    const [, scaled] = differences('production');
    const links = hrefs(scaled);
    expect(links).toContain('/infra/production/booking/deployment/calcom/');
    expect(repository, 'dépôt des sources inconnu : aucun lien vers Git ni vers l’export').toBeDefined();
    // The Git side points at the `replicas:` line, as the export's side does (it pointed at the Deployment's first line).
    const written = readFileSync('manifests/apps/base/booking/deployment.yaml', 'utf8').split('\n');
    expect(links).toContain(blobUrl(repository!, 'manifests/apps/base/booking/deployment.yaml', written.findIndex((l) => /^  replicas:/.test(l)) + 1));
    const exportUrl = blobUrl(repository!, `${FIXTURE_PATH}/production.yaml`)!;
    const toExport = links.find((href) => href.startsWith(`${exportUrl}#L`));
    expect(toExport).toBeDefined();
    const line = Number(toExport!.split('#L')[1]);
    expect(readFileSync(`${FIXTURE_PATH}/production.yaml`, 'utf8').split('\n')[line - 1]).toBe('    replicas: 3');
  });

  it('gives the date of the export and warns that it held Secret values', () => {
    const text = visibleText(main(readPage(dist, page('production'))));
    expect(text).toContain('Export du cluster production du 2 juin 2025 à 07:45 UTC');
    expect(text).toContain('L’export contient les valeurs de');
    expect(text).toContain('3 écarts entre Git et le cluster');
  });
});

describe('the environment pages', () => {
  it('say how many differences their cluster has, linked to the « Écarts » page', () => {
    for (const [env, verdict] of [
      ['production', '3 écarts'],
      ['staging', '1 écart'],
    ] as const) {
      const summary = findAll(main(readPage(dist, `/infra/${env}/`)), (e) => (e.properties.className as string[] | undefined)?.includes('ffe-drift-summary') === true);
      expect(summary).toHaveLength(1);
      expect(visibleText(summary[0])).toBe(`Comparé au cluster (export du 2 juin 2025 à 07:45 UTC, ${env === 'production' ? 130 : 125} objets comparés) : ${verdict}.`);
      expect(hrefs(summary[0])).toEqual([page(env)]);
    }
  });
});

describe('the Secret values of the exports', () => {
  it('appear in no built file', () => {
    const values = fixtureSecretValues();
    expect(values.length).toBeGreaterThan(50);
    // One pass per file: the values as bytes (latin1 keeps each byte a character), in one alternation.
    const pattern = new RegExp(values.map((v) => Buffer.from(v).toString('latin1').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
    const leaking = listFiles(dist).filter((file) => pattern.test(readFileSync(join(dist, file)).toString('latin1')));
    expect(leaking).toEqual([]);
  });
});
