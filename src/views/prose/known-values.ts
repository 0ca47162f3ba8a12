// The values a page should compute rather than type: public hosts, image references and tags, chart versions — each
// with the component that writes it from the manifests. Typed by hand, they go stale the day the manifests change;
// the MDX check (src/site/typed-values.ts) finds them in prose and names the component to use instead.
import { parseImage, podsOf, shortImageName, type Model } from '../../infra/index.ts';
import { shortLabel } from '../context.ts';
import { parseResourceKey } from '../paths.ts';
import { CHART_KINDS, IMAGE_KINDS } from '../refs.ts';
import { publicHostList } from './public-hosts.ts';

export type KnownValueKind = 'host' | 'image' | 'tag' | 'chart-version';

export interface KnownValue {
  /** The text as it would be typed. */
  text: string;
  kind: KnownValueKind;
  /** French: « l’adresse publique de Déploiement ffe-docs/site (production) ». */
  what: string;
  /** The element that computes it: `<HostOf namespace="ffe-docs" name="site" />`. */
  component: string;
}

const WHAT: Record<KnownValueKind, string> = {
  host: 'l’adresse publique de',
  image: 'l’image de',
  tag: 'la version de l’image de',
  'chart-version': 'la version du chart',
};

/** A version is worth looking for only when it cannot be an ordinary number: digits and at least one dot. */
function specificVersion(text: string): boolean {
  return /\d/.test(text) && /\d\.\d/.test(text) && text.length >= 3;
}

/** `v1.2.3` is also typed `1.2.3`, and `1.2.3` is also typed `v1.2.3`. */
function versionSpellings(version: string): string[] {
  const bare = version.replace(/^v(?=\d)/, '');
  return [...new Set([version, bare, /^\d/.test(bare) ? `v${bare}` : bare])];
}

/** The element as a page writes it: `env="…"` only for another environment than the site's default. */
function element(name: string, attributes: Record<string, string | undefined>, env: string, defaultEnv: string | undefined): string {
  const written = Object.entries({ ...attributes, ...(env !== defaultEnv ? { env } : {}) })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${v}"`);
  return `<${[name, ...written].join(' ')} />`;
}

/**
 * Every value of the model a page could type by hand, with the component that computes it; `defaultEnv` is the
 * environment components show when they name none (the site's default).
 */
export function knownValues(model: Model, defaultEnv?: string): KnownValue[] {
  const out: KnownValue[] = [];
  const add = (text: string, kind: KnownValueKind, subject: string, env: string, component: string): void => {
    out.push({ text, kind, what: `${WHAT[kind]} ${subject} (${env})`, component });
  };
  for (const env of model.environments) {
    for (const host of publicHostList(model, env.name)) {
      const target = host.workloads[0];
      const id = parseResourceKey(target?.key ?? host.route.key);
      const component = target ? element('HostOf', { namespace: id.namespace, name: id.name }, env.name, defaultEnv) : element('HostList', {}, env.name, defaultEnv);
      add(host.host, 'host', shortLabel(id, id.namespace), env.name, component);
    }
    for (const kind of IMAGE_KINDS) {
      for (const resource of env.byKind.get(kind) ?? []) {
        // <ImageVersion> without container="…" quotes the first container that is not an init container.
        const containers = podsOf(resource)?.containers ?? [];
        const main = containers.find((c) => !c.init) ?? containers[0];
        const images = containers.map((c) => ({ container: c === main ? undefined : c.name, image: c.image }));
        const subject = shortLabel(resource.id, resource.id.namespace);
        for (const { container, image } of images) {
          if (!image) continue;
          const component = element('ImageVersion', { namespace: resource.id.namespace, name: resource.id.name, container }, env.name, defaultEnv);
          const ref = parseImage(image);
          const short = shortImageName(ref);
          const lastSegment = `${ref.repository.split('/').pop()}${ref.tag ? `:${ref.tag}` : ''}`;
          // A reference without a version names the image, not a value that changes: only versioned ones are typed values.
          if (ref.tag || ref.digest) for (const text of new Set([image, short, lastSegment])) add(text, 'image', subject, env.name, component);
          if (ref.tag && specificVersion(ref.tag)) for (const text of versionSpellings(ref.tag)) add(text, 'tag', subject, env.name, component);
        }
      }
    }
  }
  for (const component of model.components) {
    if (!component.version || !specificVersion(component.version)) continue;
    const id = parseResourceKey(component.resource);
    if (!CHART_KINDS.includes(id.kind)) continue;
    for (const text of versionSpellings(component.version)) {
      add(text, 'chart-version', component.chart, id.env, element('ChartVersion', { namespace: id.namespace, name: id.name }, id.env, defaultEnv));
    }
  }
  return out;
}

/** Known values by text: one text may be several values (the same tag in two environments, a tag and a chart). */
export function knownValuesByText(values: readonly KnownValue[]): Map<string, KnownValue[]> {
  const byText = new Map<string, KnownValue[]>();
  for (const value of values) {
    const list = byText.get(value.text) ?? [];
    if (!list.some((v) => v.component === value.component && v.kind === value.kind)) list.push(value);
    byText.set(value.text, list);
  }
  return byText;
}
