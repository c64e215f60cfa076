// No Docker engine runs here: check that the compose file parses and names what the docs say, and
// that the Dockerfile is multi-stage, non-root, with tini as PID 1.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/child.ts';

const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

interface ComposeService {
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  stop_signal?: string;
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, ComposeService & { profiles?: string[] }>;
    volumes: Record<string, unknown>;
  };
  const porthole = compose.services.porthole!;

  it('has an ha profile: PostgreSQL and two daemons on it with their own ids and ports', () => {
    const ha = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('ha'));
    expect(ha.map(([name]) => name)).toEqual(['postgres', 'porthole-a', 'porthole-b']);
    const daemons = ha.slice(1).map(([, s]) => s);
    for (const d of daemons) {
      expect(d.environment!.PORTHOLE_STORE_URL).toMatch(/^postgres:\/\/porthole:.*@postgres:5432\/porthole$/);
      expect(d.environment!.PORTHOLE_TOKEN).toMatch(/^\$\{PORTHOLE_TOKEN:\?/);
    }
    expect(daemons.map((d) => d.environment!.PORTHOLE_DAEMON_ID)).toEqual(['porthole-a', 'porthole-b']);
    expect(daemons.map((d) => d.ports)).toEqual([['127.0.0.1:7071:7070'], ['127.0.0.1:7072:7070']]);
  });

  it('defines the porthole service with a data volume, a read-only AWS profile and the token', () => {
    // `docker compose up` (no profile) starts one daemon on SQLite; the HA services need --profile ha.
    const byDefault = Object.entries(compose.services).filter(([, s]) => !s.profiles?.length);
    expect(byDefault.map(([name]) => name)).toEqual(['porthole']);
    expect(porthole.build).toBe('.');
    expect(porthole.ports).toEqual(['127.0.0.1:7070:7070']);
    expect(Object.keys(compose.volumes)).toEqual(['porthole-data', 'porthole-pg']);
    expect(porthole.volumes).toContain('porthole-data:/data');
    expect(porthole.volumes).toContain('${HOME}/.aws:/home/node/.aws:ro');
    expect(porthole.environment!.PORTHOLE_TOKEN).toMatch(/^\$\{PORTHOLE_TOKEN:\?/);
    expect(porthole.environment!.PORTHOLE_DATA_DIR).toBe('/data');
    expect(Object.keys(porthole.environment!)).toEqual(
      expect.arrayContaining(['AWS_PROFILE', 'AWS_REGION', 'PORTHOLE_SOURCE']),
    );
    expect(porthole.stop_signal).toBe('SIGTERM');
  });

  it('names what docs/daemon.md (and the README, where it covers Docker) says', () => {
    const docs = [
      read('docs/daemon.md'),
      ...(existsSync(path.join(REPO_ROOT, 'README.md')) ? [read('README.md')] : []),
    ]
      .filter((text) => /docker compose|docker-compose/i.test(text))
      .join('\n');
    for (const name of [
      'porthole',
      'porthole-data',
      '/data',
      'PORTHOLE_TOKEN',
      '127.0.0.1:7070:7070',
      '.aws',
      'AWS_PROFILE',
      'AWS_REGION',
      'PORTHOLE_SOURCE',
    ]) {
      expect(docs, name).toContain(name);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  it('is multi-stage, runs as a non-root user under tini, and checks /healthz', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toContain('/healthz');
    expect(dockerfile).toMatch(/^EXPOSE 7070$/m);
    // /tmp too: writable under a read-only root filesystem on ECS (deploy/README.md).
    expect(dockerfile).toMatch(/^VOLUME \["\/data", "\/tmp"\]$/m);
    expect(read('.dockerignore')).toMatch(/^node_modules$/m);
  });
});
