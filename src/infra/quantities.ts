// Kubernetes resource quantities (cpu, memory), parsed to numbers and formatted for French readers.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** A quantity as a plain number (`500m` → 0.5, `1Gi` → 1073741824); NaN when it is not a valid quantity. */
export function parseQuantity(q: string | number | undefined | null): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return Number.NaN;
  const match = QUANTITY.exec(q.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  if (match[2] !== undefined) return value * 10 ** Number(match[2]);
  const suffix = match[3] ?? '';
  return value * (BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN);
}

/** CPU in cores: `250m` → 0.25, `2` → 2. */
export function parseCpu(q: string | number | undefined | null): number {
  return parseQuantity(q);
}

/** Memory in bytes: `128Mi` → 134217728, `1G` → 1e9. */
export function parseMemory(q: string | number | undefined | null): number {
  return parseQuantity(q);
}

const frenchNumber = (value: number, digits: number): string =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(value);

/** `0.25` → « 250 m », `2` → « 2 cœurs », `1` → « 1 cœur ». */
export function formatCpu(cores: number): string {
  if (!Number.isFinite(cores)) return '—';
  if (cores !== 0 && Math.abs(cores) < 1) return `${frenchNumber(cores * 1000, 0)}\u00a0m`;
  return `${frenchNumber(cores, 2)}\u00a0${Math.abs(cores) >= 2 ? 'cœurs' : 'cœur'}`;
}

const MEMORY_UNITS = ['o', 'Kio', 'Mio', 'Gio', 'Tio', 'Pio', 'Eio'];

/** Bytes in French binary units: 134217728 → « 128 Mio », 1.5 GiB → « 1,5 Gio ». */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < MEMORY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${frenchNumber(value, unit === 0 ? 0 : 1)}\u00a0${MEMORY_UNITS[unit]}`;
}
