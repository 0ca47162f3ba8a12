// The peak memory of a running build, as the bench reports it: the resident memory of the process and everything it
// started (Chromium's processes for the diagrams, kustomize), summed and sampled from /proc a few times a second. Linux
// only; elsewhere, nothing is measured.
import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory (bytes) and parent of each process, from /proc. */
function processes(): Map<number, { parent: number; rss: number }> {
  const table = new Map<number, { parent: number; rss: number }>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields are counted after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pages = Number(fields[21]);
      table.set(Number(entry), { parent: Number(fields[1]), rss: pages * 4096 });
    } catch {
      // The process ended meanwhile.
    }
  }
  return table;
}

/** The resident memory of `pid` and its descendants now, in bytes. */
function treeMemory(pid: number): number {
  const table = processes();
  const inTree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, { parent }] of table) {
      if (!inTree.has(child) && inTree.has(parent)) {
        inTree.add(child);
        grew = true;
      }
    }
  }
  return [...inTree].reduce((sum, p) => sum + (table.get(p)?.rss ?? 0), 0);
}

/** Samples a process tree until stopped; `stop()` gives the highest sum seen, in bytes. */
export function watchPeakMemory(pid: number, everyMs = 250): { stop(): number } {
  let peak = treeMemory(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeMemory(pid))), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
