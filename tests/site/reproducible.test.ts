// Two builds of the same commit publish the same bytes: what is reviewed is what is served, and a rebuild
// changes nothing (no date, no random id, no absolute path of the machine). The first build starts with an empty
// diagram cache and the second reuses it, so the cache cannot change the output either. Both print no warning.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { listFiles } from '../../scripts/lib/site-dist.ts';
import { logProblems, ownWarnings, readBuildLog } from './lib/build-log.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-repro-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Where two files first differ, with a little context, so a failure says what changed. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (buf: Buffer): string => JSON.stringify(buf.subarray(Math.max(0, i - 60), i + 60).toString('utf8'));
  return `octet ${i} : ${show(a)} ≠ ${show(b)}`;
}

describe('two builds of the same commit', () => {
  it('produce a byte-identical dist/', { timeout: 900_000 }, async () => {
    const env = { FFE_CACHE_DIR: join(work, 'diagram-cache') };
    const first = await buildSite(join(work, 'a'), env);
    expect(first.code, first.output).toBe(0);
    const second = await buildSite(join(work, 'b'), env);
    expect(second.code, second.output).toBe(0);
    // FFE's own build, cold then warm: not one warning in its log (build-log.test.ts reads the log closely).
    for (const build of [first, second]) {
      const lines = readBuildLog(build.output);
      expect([...logProblems(lines), ...ownWarnings(lines)]).toEqual([]);
    }
    const filesA = listFiles(join(work, 'a'));
    const filesB = listFiles(join(work, 'b'));
    expect(filesB).toEqual(filesA);
    const differences: string[] = [];
    for (const file of filesA) {
      const a = readFileSync(join(work, 'a', file));
      const b = readFileSync(join(work, 'b', file));
      if (!a.equals(b)) differences.push(`${file} — ${firstDifference(a, b)}`);
    }
    expect(differences).toEqual([]);
  });
});
