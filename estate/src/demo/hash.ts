// Deterministic pseudo-random pieces for the demo estate: ids, MACs, UUIDs. No Math.random, no clock:
// the same account/region/name always yields the same value, and another account or region a different one.

/**
 * FNV-1a (32 bit) with MurmurHash3's final mix: tiny and stable; the mix makes names that differ in one
 * character give unrelated digits (plain FNV would print look-alike ids).
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** `length` lowercase hex digits derived from `key`. */
export function hexOf(key: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    out += fnv1a(`${round}|${key}`).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** A whole number in [min, max] derived from `key`. */
export function intOf(key: string, min: number, max: number): number {
  return min + (fnv1a(key) % (max - min + 1));
}

/** An EC2-style id: `sg-0` + 16 hex digits (17 after the dash, as new-style EC2 ids have). */
export function ec2Id(prefix: string, key: string): string {
  // Salted with the prefix so an ENI and a task derived from the same name do not share digits.
  return `${prefix}-0${hexOf(`${prefix}|${key}`, 16)}`;
}

/** A version-4-shaped UUID (ECS attachment and event ids). */
export function uuidOf(key: string): string {
  const h = hexOf(`uuid|${key}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A locally administered unicast MAC, as ENIs have (`02:…` / `0a:…`). */
export function macOf(key: string): string {
  const h = hexOf(`mac|${key}`, 10);
  const pairs = h.match(/../g) ?? [];
  return ['0a', ...pairs].join(':');
}

/** An ECS deployment id: `ecs-svc/` + 19 digits. */
export function deploymentIdOf(key: string): string {
  let digits = '';
  for (let round = 0; digits.length < 19; round++) digits += String(fnv1a(`${round}|${key}`));
  return `ecs-svc/9${digits.slice(0, 18)}`;
}
