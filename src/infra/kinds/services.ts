// Services: which pods they select and which ports they expose, as routes, relations and resource pages read them.
import { asRecord, asRecords, asString } from '../fields.ts';
import type { KubeObject } from '../model.ts';

export interface ServicePort {
  name?: string;
  /** The port the Service listens on ('?' when not written). */
  port: string;
  /** Where the traffic goes in the pod: a number or a container port name; the port itself when not written. */
  targetPort: string;
  protocol?: string;
}

export interface ServiceFacts {
  type?: string;
  /** `spec.selector`: every pair must match a pod's labels. Empty: the Service selects no pod itself. */
  selector: Record<string, string>;
  ports: ServicePort[];
}

export function serviceOf(object: KubeObject): ServiceFacts {
  const spec = asRecord(object.spec) ?? {};
  const type = asString(spec.type);
  return {
    ...(type ? { type } : {}),
    selector: Object.fromEntries(Object.entries(asRecord(spec.selector) ?? {}).map(([k, v]) => [k, String(v)])),
    ports: asRecords(spec.ports).map((p) => {
      const port = asString(p.port) ?? '?';
      const name = asString(p.name);
      const protocol = asString(p.protocol);
      return { ...(name ? { name } : {}), port, targetPort: asString(p.targetPort) ?? port, ...(protocol ? { protocol } : {}) };
    }),
  };
}

/** The port of a Service a route names, by number or by name. */
export function servicePort(service: ServiceFacts, port: string): ServicePort | undefined {
  return service.ports.find((p) => p.port === port || p.name === port);
}

/** A target port written as a name (`http`): it must be resolved against the selected containers' ports. */
export function isNamedPort(port: string): boolean {
  return !/^\d+$/.test(port);
}
