// The build's Chromium (src/render/chromium-session.ts): started once however many diagrams ask at once, drawing in
// several tabs together, closed after a while without work (a forgotten close() must not keep the build alive), and
// started again if asked after that.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { chromiumCandidates, lookupChromium } from '../../src/render/chromium.ts';
import { ChromiumSession, type PageJob } from '../../src/render/chromium-session.ts';
import { mermaidBundle } from '../../src/render/mermaid-bundle.ts';
import { sentinelTable } from '../../src/render/palette.ts';
import { chromiumSkipReason, testChromium } from './chromium-guard.ts';

const bundlePath = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
const executablePath = lookupChromium(chromiumCandidates(testChromium, undefined), existsSync).found ?? '/usr/bin/chromium';

function job(key: string, code = 'flowchart LR\n  a --> b'): PageJob {
  return { key, code, readGraph: false, meta: { svgId: `d-${key}`, title: key, description: '', colours: sentinelTable() } };
}

const sessions: ChromiumSession[] = [];
function session(options: { idleCloseMs?: number; tabs?: number; executablePath?: string } = {}): ChromiumSession {
  const created = new ChromiumSession({
    executablePath: options.executablePath ?? executablePath,
    bundle: () => mermaidBundle(bundlePath),
    memoizeMeasures: true,
    idleCloseMs: options.idleCloseMs ?? 0,
    tabs: options.tabs ?? 2,
  });
  sessions.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

describe('a Chromium that cannot start', () => {
  it('fails the diagrams asked for, and is tried again at the next ask', async () => {
    const broken = session({ executablePath: '/nulle-part/chromium' });
    await expect(broken.draw([job('a')])).rejects.toThrow();
    expect(broken.isOpen).toBe(false);
    await expect(broken.open()).rejects.toThrow();
    expect(broken.stats.launches).toBe(0);
  });
});

describe.skipIf(chromiumSkipReason !== undefined)(`the build’s Chromium ${chromiumSkipReason ?? ''}`, { timeout: 60_000 }, () => {
  it('starts once for diagrams asked for together, draws them in its tabs at the same time, and tells what mermaid refuses', async () => {
    const chromium = session({ tabs: 2 });
    const [first, second] = await Promise.all([
      chromium.draw([job('a')]),
      chromium.draw([job('bad', 'flowchart LR\n  a -->'), job('c', 'flowchart LR\n  x{{"?"}}')]),
    ]);
    expect(chromium.stats.launches).toBe(1);
    expect(first.map((r) => r.key)).toEqual(['a']);
    expect(first[0]?.svg).toMatch(/^<svg id="d-a"/);
    // mermaid's own message for the refused one; the next one in the same tab is drawn all the same.
    expect(second.map((r) => r.key)).toEqual(['bad', 'c']);
    expect(second[0]?.error).toBeTruthy();
    expect(second[0]?.svg).toBeUndefined();
    expect(second[1]?.svg).toMatch(/^<svg id="d-c"/);
  });

  it('closes itself after a while without work, not while a tab still draws, and starts again when asked', async () => {
    const chromium = session({ idleCloseMs: 50, tabs: 2 });
    await chromium.open();
    expect(chromium.isOpen).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(chromium.isOpen).toBe(false);
    // One tab is done long before the other, and long after the idle delay: Chromium stays for the other.
    const long = Array.from({ length: 8 }, (_, i) => job(`long${i}`));
    const drawn = await Promise.all([chromium.draw([job('short')]), chromium.draw(long)]);
    expect(drawn.flat().every((r) => r.svg !== undefined)).toBe(true);
    expect(chromium.stats.launches).toBe(2);
  });
});
