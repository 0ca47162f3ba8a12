// A command run with its whole process tree watched: the peak of the tree's resident memory (every descendant's, read
// from /proc several times a second) and the time it took.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which may hold spaces: state, ppid…
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of `root` and all its descendants, now. */
export function treeResidentBytes(root: number): number {
  const children = childrenOf();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += residentBytes(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface WatchedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakBytes: number;
}

/**
 * Runs `command`, sampling its tree's memory every 100 ms; the whole group is killed after `timeoutSeconds`, or as soon
 * as the tree holds more than `maxBytes` (a safeguard for the machine: the run then fails its memory assertion).
 */
export function runWatched(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutSeconds: number; maxBytes: number },
): Promise<WatchedRun> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killTree = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const sample = setInterval(() => {
      if (!child.pid) return;
      peakBytes = Math.max(peakBytes, treeResidentBytes(child.pid));
      if (peakBytes > options.maxBytes) killTree();
    }, 100);
    const kill = setTimeout(killTree, options.timeoutSeconds * 1000);
    child.once('close', (code) => {
      clearInterval(sample);
      clearTimeout(kill);
      done({ code, stdout, stderr, seconds: (performance.now() - started) / 1000, peakBytes });
    });
  });
}
