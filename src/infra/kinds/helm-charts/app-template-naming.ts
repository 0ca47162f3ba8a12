// app-template's names and labels, as its common library computes them: the release's name (app-template sets
// `global.nameOverride` to it), `-<identifier>` appended when there are several of a kind, `prefix`, `suffix` and
// `forceRename` applied (`determineResourceNameFromValues`); the labels a controller's pods carry and Services select.
import { isRecord } from '../../fields.ts';
import { Field } from '../located.ts';
import { rendered, type ReleaseIdentity } from './reading.ts';

/** Enabled unless `enabled` says otherwise (`enabled: false`), as every list of the library. */
export function enabledEntries(field: Field): [string, Field][] {
  return field
    .entries()
    .filter(([, entry]) => isRecord(entry.value) && entry.at('enabled').value !== false)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What every name is built from: the release, or the overrides the values write. */
export interface Naming {
  release: ReleaseIdentity;
  /** `app.kubernetes.io/name`: `global.nameOverride`, which app-template sets to the release's name. */
  name: string;
  fullname: string;
}

/** `defaultName`: app-template's is the release's name; another chart built on the library keeps its own name. */
export function namingOf(values: Field, release: ReleaseIdentity, defaultName = release.name): Naming {
  const name = values.at('global', 'nameOverride').string() ?? values.at('nameOverride').string() ?? defaultName;
  const override = values.at('global', 'fullnameOverride').string() ?? values.at('fullnameOverride').string();
  const fullname = override ?? (release.name.includes(name) ? release.name : `${release.name}-${name}`);
  return { release, name, fullname: fullname.slice(0, 63).replace(/-+$/, '') };
}

/** The library's `determineResourceNameFromValues`; undefined when a template in it cannot be rendered here. */
export function resourceName(naming: Naming, identifier: string, entry: Field, count: number): string | undefined {
  const force = entry.at('forceRename').string();
  if (force !== undefined) return rendered(force, naming.release)?.toLowerCase();
  let name = naming.fullname;
  const prefix = entry.at('prefix').string();
  if (prefix !== undefined) {
    const text = rendered(prefix, naming.release);
    if (text === undefined) return undefined;
    if (text !== name) name = `${text}-${name}`;
  }
  if (count > 1 && !name.endsWith(`-${identifier}`) && identifier !== name) name = `${name}-${identifier}`;
  const suffix = entry.at('suffix').string();
  if (suffix !== undefined) {
    const text = rendered(suffix, naming.release);
    if (text === undefined) return undefined;
    if (!name.endsWith(`-${text}`)) name = `${name}-${text}`;
  }
  return name.toLowerCase();
}

/** The labels the library puts on a controller's pods, which its Services select. */
export function selectorLabels(naming: Naming, controller: string): Record<string, string> {
  return { 'app.kubernetes.io/controller': controller, 'app.kubernetes.io/instance': naming.release.name, 'app.kubernetes.io/name': naming.name };
}
