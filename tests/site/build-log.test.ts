// The log of a build is for its reader: Astro's progress and the site's own lines, in French — no English warning
// boxes from the tools underneath, so that a message of the site is never buried. Read on the one build of the site
// tests (FFE's manifests with the fixture exports of both clusters); FFE's own build, without exports, prints no
// warning at all (reproducible.test.ts).
import { describe, expect, inject, it } from 'vitest';
import { isHeadInjectDirectiveWarning } from '../../src/site/build-log.ts';
import { isOwn, logProblems, ownWarnings, readBuildLog } from './lib/build-log.ts';

const output = inject('buildLog');

describe.skipIf(output === undefined)('the log of the site’s build', () => {
  const lines = readBuildLog(output ?? '');

  it('holds only Astro’s progress and the site’s own lines, in French, with no warning from the tools underneath', () => {
    expect(lines.filter((line) => line.progress).length).toBeGreaterThan(100);
    expect(lines.filter(isOwn).length).toBeGreaterThan(3);
    expect(logProblems(lines)).toEqual([]);
  });

  it('warns only about what it was given: the Secret values of the cluster exports, which it did not read', () => {
    const warnings = ownWarnings(lines);
    expect(warnings).toHaveLength(2);
    for (const warning of warnings) expect(warning).toMatch(/^\[ffe-infra\] tests\/fixtures\/drift\/(production|staging)\.yaml : L’export contient les valeurs de \d+ Secrets/);
  });
});

describe('the reading of a build log', () => {
  it('tells upstream warnings, unknown sources and English from the site’s lines', () => {
    const sample = [
      '10:00:00 [ffe-infra] vérification des manifestes',
      '0 erreur, 0 avertissement, 0 note — 260 ressources.',
      '10:00:01 [WARN] [vite] [MODULE_LEVEL_DIRECTIVE] The semantics of the module level directive "use astro:head-inject" in "x.mdx?astroPropagatedAssets" may not be preserved when bundling.',
      '10:00:02 [WARN] [build] Could not render `/404` from route `/[...slug]` as it conflicts with higher priority route `/404`.',
      '10:00:03   ├─ /infra/index.html (+12ms)',
      '10:00:04 [some-plugin] hello',
      '10:00:05 [ffe:diagrams] diagrams: 3 drawn, the rest from the cache',
      '10:00:06 [WARN] [ffe:link-check] 1 lien cassé dans content/docs/not-found.mdx',
    ].join('\n');
    const read = readBuildLog(sample);
    expect(logProblems(read)).toEqual([
      'avertissement d’ailleurs que du site : [vite] [MODULE_LEVEL_DIRECTIVE] The semantics of the module level directive "use astro:head-inject" in "x.mdx?astroPropagatedAssets" may not be preserved when bundling.',
      'avertissement d’ailleurs que du site : [build] Could not render `/404` from route `/[...slug]` as it conflicts with higher priority route `/404`.',
      'ligne d’une source inconnue : [some-plugin] hello',
      'ligne du site en anglais : [ffe:diagrams] diagrams: 3 drawn, the rest from the cache',
    ]);
    expect(ownWarnings(read)).toEqual(['[ffe:link-check] 1 lien cassé dans content/docs/not-found.mdx']);
  });

  it('silences Rolldown’s warning about Astro’s head-inject directive, and no other', () => {
    const message = 'The semantics of the module level directive "use astro:head-inject" in "a.mdx?astroPropagatedAssets" may not be preserved when bundling.';
    expect(isHeadInjectDirectiveWarning({ code: 'MODULE_LEVEL_DIRECTIVE', message })).toBe(true);
    expect(isHeadInjectDirectiveWarning({ code: 'MODULE_LEVEL_DIRECTIVE', message: message.replace('astro:head-inject', 'client') })).toBe(false);
    expect(isHeadInjectDirectiveWarning({ code: 'CIRCULAR_DEPENDENCY', message })).toBe(false);
  });
});
