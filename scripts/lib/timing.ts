// How `npm run bench` times a piece of work: wall clock, and this process's CPU (a fairer figure when other programs
// share the machine).

export interface Timed<T> {
  ms: number;
  cpuMs: number;
  value: T;
}

export async function time<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}
