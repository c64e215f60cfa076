// Validation without the copy: zod's parse builds a new object for every object it checks, which at L is
// the whole snapshot again (and most of the load's garbage collection). For the snapshot schemas — loose
// objects, no transforms or defaults — a successful parse returns a deep copy equal to its input, so a value
// that certainly passes can be kept as it is. `passesInPlace` answers "certainly passes" by running the same
// checks (the schema's own check functions: refinements, formats, bounds) on the value itself; whatever it
// cannot vouch for (another schema kind, an issue) answers false, and the caller runs zod for the verdict and
// its message. It is never more lenient than zod: false is always safe.
import type { z } from 'zod';

type Check = (value: unknown) => boolean;

interface ZodCheck {
  _zod: { def: { when?: unknown }; check: (payload: { value: unknown; issues: unknown[] }) => unknown };
}

interface Def {
  type: string;
  checks?: ZodCheck[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}

// One compiled checker per schema object: the schemas are module constants, so this holds a few hundred
// closures for the life of the process, never data.
const compiled = new WeakMap<z.ZodType, Check>();

export function passesInPlace(schema: z.ZodType, value: unknown): boolean {
  try {
    return compile(schema)(value);
  } catch {
    return false;
  }
}

function compile(schema: z.ZodType): Check {
  let check = compiled.get(schema);
  if (!check) {
    // Set first: a schema that refers to itself (none today) gets a checker that defers to the final one.
    compiled.set(schema, (v) => check!(v));
    check = withChecks(base(schema), (schema as unknown as { _zod: { def: Def } })._zod.def);
    compiled.set(schema, check);
  }
  return check;
}

const never: Check = () => false;

function base(schema: z.ZodType): Check {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'unknown':
      return () => true;
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'literal': {
      const values = def.values ?? [];
      return (v) => values.includes(v);
    }
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return (v) => values.includes(v);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'array': {
      const element = compile(def.element!);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'union': {
      const options = (def.options ?? []).map(compile);
      return (v) => options.some((option) => option(v));
    }
    case 'object':
      return objectCheck(def);
    default:
      return never;
  }
}

function objectCheck(def: Def): Check {
  // Only loose objects keep unknown keys in their output; a stripping or strict object's copy differs.
  const catchall = (def.catchall as unknown as { _zod: { def: Def } } | undefined)?._zod.def.type;
  if (catchall !== 'unknown') return never;
  const keys = Object.keys(def.shape ?? {});
  const fields = keys.map((key) => compile(def.shape![key]!));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const obj = v as Record<string, unknown>;
    // JSON.parse makes "__proto__" an own key; zod's copy would assign it (setting the prototype): differs.
    if (Object.hasOwn(obj, '__proto__')) return false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const field = obj[key];
      if (field === undefined) {
        // An own key holding undefined is not JSON, and zod's output would differ in key presence.
        if (Object.hasOwn(obj, key) || !fields[i]!(undefined)) return false;
      } else if (!Object.hasOwn(obj, key) || !fields[i]!(field)) return false;
    }
    return true;
  };
}

/** The schema's checks (refinements, formats, min/max) run on the value: any issue, and it is zod's call. */
function withChecks(check: Check, def: Def): Check {
  const checks = def.checks ?? [];
  if (checks.length === 0) return check;
  // A check that runs only under a condition is zod's to schedule.
  if (checks.some((c) => c._zod.def.when !== undefined)) return never;
  return (v) => {
    if (!check(v)) return false;
    for (const c of checks) {
      const payload = { value: v, issues: [] as unknown[] };
      if (c._zod.check(payload) instanceof Promise || payload.issues.length > 0) return false;
    }
    return true;
  };
}
