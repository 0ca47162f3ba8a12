// Which of two versions is ahead: image tags and chart versions read as the people who write them mean them —
// semver-ish numbers (`1.4.0`, `v2.3`, `16.4-bookworm`, `1.0.0-rc.1`), date tags (`2024-01-15`, `RELEASE.2024-01-05T…`)
// — and said to be incomparable, with the reason in French, when nothing orders them (digests, commit tags, `latest`,
// version ranges, two different images).
import { parseImage, shortImageName } from '../images.ts';

export type VersionOrder = 'same' | 'left-ahead' | 'right-ahead' | 'incomparable';

export interface VersionComparison {
  order: VersionOrder;
  /** French, for `incomparable`: why no order can be read. */
  reason?: string;
}

const INCOMPARABLE = (reason: string): VersionComparison => ({ order: 'incomparable', reason });

/** What a tag says once read: a version (numbers, then a pre-release or flavour suffix), a date, or nothing orderable. */
type Reading =
  | { type: 'version'; numbers: number[]; suffix: string }
  | { type: 'date'; numbers: number[] }
  | { type: 'opaque'; why: string };

const PRERELEASE = /^(alpha|beta|rc|pre|preview|dev|snapshot|nightly|canary|m)(?:[.-]?\d+)*(?:[.-].*)?$/i;
const DATE = /^(?:[a-z]+[._-])?((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?:[T._-]?(\d{2})[-:]?(\d{2})(?:[-:]?(\d{2}))?)?/i;
const VERSION = /^[vV]?(\d+(?:\.\d+)*)(?:[-+._~]?(.*))?$/;
const COMMIT = /^(?:sha-|g)?[0-9a-f]{7,40}$/;

function read(tag: string): Reading {
  const date = DATE.exec(tag);
  if (date) return { type: 'date', numbers: date.slice(1).filter((part) => part !== undefined).map(Number) };
  // A commit id that happens to start with digits is no version: it needs at least a letter and a digit.
  if (COMMIT.test(tag) && /[a-f]/.test(tag) && /\d/.test(tag)) return { type: 'opaque', why: 'tags de commit' };
  const version = VERSION.exec(tag);
  if (version) return { type: 'version', numbers: version[1].split('.').map(Number), suffix: version[2] ?? '' };
  return { type: 'opaque', why: `« ${tag} » ne dit pas quelle version tourne` };
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** Semver's order of pre-release identifiers: numbers numerically and below words, words by code unit. */
function comparePrerelease(a: string, b: string): number {
  const as = a.split(/[.-]/);
  const bs = b.split(/[.-]/);
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    if (as[i] === undefined) return -1;
    if (bs[i] === undefined) return 1;
    const [x, y] = [as[i], bs[i]];
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function ordered(sign: number): VersionComparison {
  return { order: sign > 0 ? 'left-ahead' : sign < 0 ? 'right-ahead' : 'same' };
}

/** Two tags (or chart versions) compared as versions. */
export function compareTags(left: string, right: string): VersionComparison {
  if (left === right) return { order: 'same' };
  const a = read(left);
  const b = read(right);
  if (a.type === 'opaque' || b.type === 'opaque') {
    const why = [a, b].flatMap((r) => (r.type === 'opaque' ? [r.why] : []));
    return INCOMPARABLE([...new Set(why)].join(' ; '));
  }
  if (a.type !== b.type) return INCOMPARABLE('l’un est un numéro de version, l’autre une date');
  const byNumbers = compareNumbers(a.numbers, b.numbers);
  if (a.type === 'date' || b.type === 'date' || byNumbers !== 0) return ordered(byNumbers);
  // Same numbers: a pre-release comes before its release; two flavours of one version (alpine, bookworm) have no order.
  const [sa, sb] = [a.suffix, b.suffix];
  if (sa === sb) return { order: 'same' };
  const [pa, pb] = [sa === '' || PRERELEASE.test(sa), sb === '' || PRERELEASE.test(sb)];
  if (!pa || !pb) return INCOMPARABLE(`même version, variantes différentes (${sa || 'sans suffixe'}, ${sb || 'sans suffixe'})`);
  if (sa === '') return ordered(1);
  if (sb === '') return ordered(-1);
  return ordered(comparePrerelease(sa, sb));
}

/** Two container images: the same image at two versions, or why they cannot be ordered. */
export function compareImages(left: string, right: string): VersionComparison {
  if (left === right) return { order: 'same' };
  const a = parseImage(left);
  const b = parseImage(right);
  if (a.registry !== b.registry || a.repository !== b.repository) {
    const name = (image: typeof a) => shortImageName({ registry: image.registry, repository: image.repository, pinned: false });
    return INCOMPARABLE(`deux images différentes (${name(a)}, ${name(b)})`);
  }
  if (a.tag === undefined || b.tag === undefined) {
    return INCOMPARABLE(a.digest || b.digest ? 'désignée par son empreinte (digest) : l’empreinte ne dit pas quelle version est la plus récente' : 'sans tag de version');
  }
  if (a.tag === b.tag) return a.digest === b.digest ? { order: 'same' } : INCOMPARABLE('même tag, empreintes différentes : l’image a été reconstruite sous le même tag');
  return compareTags(a.tag, b.tag);
}

const RANGE = /[<>=~^*|\s]|(^|\.)[xX](\.|$)|\s-\s/;

/** Two chart versions (a HelmRelease's `spec.chart.spec.version`, an OCI tag): ranges and absent versions do not order. */
export function compareChartVersions(left: string | undefined, right: string | undefined): VersionComparison {
  if (left === right) return { order: 'same' };
  if (left === undefined || right === undefined) return INCOMPARABLE('version non fixée d’un côté : la dernière version du dépôt de charts est installée');
  const ranges = [left, right].filter((v) => RANGE.test(v.trim()));
  if (ranges.length > 0) {
    return INCOMPARABLE(`plage de versions (${ranges.join(', ')}) : la version installée dépend de ce que publie le dépôt de charts`);
  }
  return compareTags(left.trim(), right.trim());
}
