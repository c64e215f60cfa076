// ECS port facts: is a service's load-balanced container on a dynamic host port, and which range is in force.
import { maxOf, minOf } from '@porthole/shared';
import type { ServiceModel } from './types.ts';

/** The port mapping the service registers in this target group, or null when the task definition is unknown. */
export function loadBalancedMapping(service: ServiceModel, targetGroupArn: string) {
  const lb = service.loadBalancers.find((l) => l.targetGroupArn === targetGroupArn);
  if (!lb || !service.containers) return null;
  const container = service.containers.find((c) => c.name === lb.containerName) ?? service.containers[0];
  const mapping =
    container?.portMappings?.find((p) => p.containerPort === lb.containerPort) ??
    container?.portMappings?.[0];
  return mapping
    ? {
        containerName: container!.name,
        containerPort: mapping.containerPort ?? null,
        hostPort: mapping.hostPort ?? 0,
      }
    : null;
}

/** Bridge mode with hostPort 0 or omitted: Docker picks the host port (ECS API, PortMapping). */
export function usesDynamicHostPorts(service: ServiceModel | null, targetGroupArn: string): boolean {
  if (!service || service.networkMode !== 'bridge') return false;
  const mapping = loadBalancedMapping(service, targetGroupArn);
  return mapping !== null && !mapping.hostPort;
}

export interface EphemeralRange {
  from: number;
  to: number;
  basis: string;
}

/**
 * The dynamic range is not in any API: infer it from the host ports tasks actually got
 * (aws-notes: kernel default 32768–60999, Docker fallback 49153–65535, ECS_DYNAMIC_HOST_PORT_RANGE overrides).
 */
export function inferEphemeralRange(observed: number[]): EphemeralRange {
  if (observed.length > 0 && observed.every((p) => p >= 32768 && p <= 60999)) {
    return {
      from: 32768,
      to: 60999,
      basis:
        'the observed host ports fit the Linux default ip_local_port_range 32768–60999 (AWS docs quote 32768–61000)',
    };
  }
  if (observed.length > 0 && observed.every((p) => p >= 49153 && p <= 65535)) {
    return {
      from: 49153,
      to: 65535,
      basis: "the observed host ports fit Docker's fallback range 49153–65535",
    };
  }
  if (observed.length === 0) {
    return { from: 32768, to: 65535, basis: 'no host ports observed yet; assuming the ECS default range' };
  }
  const min = minOf(observed);
  const max = maxOf(observed);
  return {
    from: min,
    to: max,
    basis: `the observed host ports span ${min}–${max}, outside the defaults (ECS_DYNAMIC_HOST_PORT_RANGE may be set)`,
  };
}

/** Host ports the service's running tasks got for the load-balanced container. */
export function observedHostPorts(service: ServiceModel, containerName: string | null): number[] {
  const ports = service.tasks
    .filter((t) => t.lastStatus === 'RUNNING')
    .flatMap((t) => t.bindings)
    .filter((b) => containerName === null || b.containerName === null || b.containerName === containerName)
    .flatMap((b) => (b.hostPort ? [b.hostPort] : []));
  return [...new Set(ports)].sort((a, b) => a - b);
}
