// What a build prints, line by line, with who printed it: Astro's progress (its own loggers and its page list), its
// integrations', and the site's own (`[ffe…]`), whose messages continue on the lines that follow them.
/** Loggers of Astro, of Vite and of the integrations Starlight brings, whose progress a build may print. */
export const ASTRO_LABELS: readonly string[] = ['build', 'vite', 'content', 'types', 'starlight:pagefind', '@astrojs/sitemap'];

export interface LogLine {
  /** The logger: `build`, `ffe-infra`…; a line that continues a message has its label. */
  label: string | undefined;
  level: 'info' | 'warn' | 'error';
  text: string;
  /** Astro's list of the pages it generates and their timings. */
  progress: boolean;
}

const ANSI = /\x1b\[[0-9;]*m/g;
const TIMESTAMP = /^\d\d:\d\d:\d\d\s+/;
const LABELLED = /^(?:\[(WARN|ERROR)\]\s+)?\[([^\]\s]+)\]\s?(.*)$/;
/** The page list of Astro's generation step: `├─ /infra/index.html (+12ms)`, `✓ Completed in 5.25s.`… */
const PAGE_PROGRESS = /^(?:[├└]─ |\(\+[\d.]+m?s\)$|generating static routes$|✓ Completed in )/;

export function readBuildLog(output: string): LogLine[] {
  const lines: LogLine[] = [];
  let current: Pick<LogLine, 'label' | 'level'> = { label: undefined, level: 'info' };
  for (const raw of output.replace(ANSI, '').split(/\r?\n/)) {
    const text = raw.replace(TIMESTAMP, '').trim();
    if (text === '') continue;
    const labelled = LABELLED.exec(text);
    if (labelled) {
      current = { label: labelled[2], level: labelled[1] === 'WARN' ? 'warn' : labelled[1] === 'ERROR' ? 'error' : 'info' };
      lines.push({ ...current, text: labelled[3] ?? '', progress: false });
    } else if (PAGE_PROGRESS.test(text)) {
      lines.push({ label: 'build', level: 'info', text, progress: true });
    } else {
      lines.push({ ...current, text, progress: false });
    }
  }
  return lines;
}

export const isOwn = (line: LogLine): boolean => line.label?.startsWith('ffe') === true;

/** Words that give away an English message among the site's own. */
const ENGLISH = /\b(?:the|and|with|from|is|are|was|were|not|found|failed|error|warning|cannot|could|should)\b/i;

/**
 * What a build log must not hold: a warning or an error of anything but the site, a line from a source that is neither
 * Astro nor the site, and a line of the site's that is not in French.
 */
export function logProblems(lines: readonly LogLine[]): string[] {
  return lines.flatMap((line) => {
    const where = `[${line.label ?? '?'}] ${line.text}`;
    if (!isOwn(line) && line.level !== 'info') return [`avertissement d’ailleurs que du site : ${where}`];
    if (!isOwn(line) && !ASTRO_LABELS.includes(line.label ?? '')) return [`ligne d’une source inconnue : ${where}`];
    // Paths and names (`tests/not-found.yaml`, `kube-system`) are not prose.
    const prose = line.text.replace(/\S*[/.:@_-]\S*/g, ' ');
    if (isOwn(line) && ENGLISH.test(prose)) return [`ligne du site en anglais : ${where}`];
    return [];
  });
}

/** The site's own warnings and errors. */
export function ownWarnings(lines: readonly LogLine[]): string[] {
  return lines.filter((line) => isOwn(line) && line.level !== 'info').map((line) => `[${line.label}] ${line.text}`);
}
