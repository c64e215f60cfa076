// Secrets never enter Porthole: every source (snapshot folder, live AWS) passes its data through here
// before anything else sees it. Pure functions on the parsed snapshot kinds; the input is not modified.
//
// Redacted (value replaced by "[redacted]", names and structure kept so findings can still point at them):
// - task definition containerDefinitions[].environment[].value: plain-text variables, readable by anyone
//   allowed DescribeTaskDefinition (ECS developer guide, "Pass an individual environment variable");
// - containerDefinitions[].repositoryCredentials.credentialsParameter (private registry credentials);
// - containerDefinitions[].logConfiguration.options values: log drivers take tokens inline
//   (e.g. splunk-token, a Datadog apikey for awsfirelens); option names are kept;
// - containerDefinitions[].command and entryPoint arguments: command lines often carry passwords or tokens,
//   and no Porthole check reads them (healthCheck.command is kept: container health checks are diagnosed);
// - task overrides.containerOverrides[].environment[].value and .command (RunTask / service overrides);
// - ELBv2 listener and rule actions' AuthenticateOidcConfig.ClientSecret (the OAuth client secret).
// Not redacted: `secrets[].valueFrom` and `secretOptions[].valueFrom` (ARNs of where secrets live, not the
// secrets), environmentFiles (S3 ARNs).
import type { Listener, Rule, SnapshotData, SnapshotKind, Task, TaskDefinition } from '@porthole/shared';

export const REDACTED = '[redacted]';

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Nothing is copied that redaction leaves as it is: most items hold no secret, and copying every task of a
// large estate to change nothing doubles what the load allocates. Output and input may share what is equal.
function mapObjects(list: unknown, fn: (item: Obj) => Obj): unknown {
  if (!Array.isArray(list)) return list;
  const out = list.map((item) => (isObj(item) ? fn(item) : item));
  return out.every((item, i) => item === list[i]) ? list : out;
}

/** Replaces `field` with REDACTED when it holds a value; leaves absent/null fields as they are. */
function redactField(obj: Obj, field: string): Obj {
  return obj[field] == null ? obj : { ...obj, [field]: REDACTED };
}

/** Applies `fn` to `obj[field]` only when the field is present, so no key is ever added. */
function update(obj: Obj, field: string, fn: (value: unknown) => unknown): Obj {
  if (!Object.hasOwn(obj, field)) return obj;
  const value = fn(obj[field]);
  return value === obj[field] ? obj : { ...obj, [field]: value };
}

const redactEnvironment = (env: unknown) => mapObjects(env, (entry) => redactField(entry, 'value'));
const redactArgs = (args: unknown) => (Array.isArray(args) ? args.map(() => REDACTED) : args);

function redactOptionValues(options: unknown): unknown {
  if (!isObj(options)) return options;
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, v == null ? v : REDACTED]));
}

function redactContainerDefinition(container: Obj): Obj {
  let out = update(container, 'environment', redactEnvironment);
  out = update(out, 'command', redactArgs);
  out = update(out, 'entryPoint', redactArgs);
  out = update(out, 'repositoryCredentials', (creds) =>
    isObj(creds) ? redactField(creds, 'credentialsParameter') : creds,
  );
  return update(out, 'logConfiguration', (log) =>
    isObj(log) ? update(log, 'options', redactOptionValues) : log,
  );
}

export function redactTaskDefinition(taskDefinition: TaskDefinition): TaskDefinition {
  return update(taskDefinition, 'containerDefinitions', (defs) =>
    mapObjects(defs, redactContainerDefinition),
  ) as TaskDefinition;
}

export function redactTask(task: Task): Task {
  return update(task, 'overrides', (overrides) =>
    isObj(overrides)
      ? update(overrides, 'containerOverrides', (list) =>
          mapObjects(list, (o) => update(update(o, 'environment', redactEnvironment), 'command', redactArgs)),
        )
      : overrides,
  ) as Task;
}

function redactActions(actions: unknown): unknown {
  return mapObjects(actions, (action) =>
    update(action, 'AuthenticateOidcConfig', (oidc) =>
      isObj(oidc) ? redactField(oidc, 'ClientSecret') : oidc,
    ),
  );
}

export function redactListener(listener: Listener): Listener {
  return update(listener, 'DefaultActions', redactActions) as Listener;
}

export function redactRule(rule: Rule): Rule {
  return update(rule, 'Actions', redactActions) as Rule;
}

type Items<K extends SnapshotKind> = NonNullable<SnapshotData[K]>;

const REDACTORS: { [K in SnapshotKind]?: (item: Items<K>[number]) => Items<K>[number] } = {
  taskDefinitions: redactTaskDefinition,
  tasks: redactTask,
  Listeners: redactListener,
  Rules: redactRule,
};

/** One kind's items with every secret above redacted (kinds that hold none are returned as they are). */
export function redactItems<K extends SnapshotKind>(kind: K, items: Items<K>): Items<K> {
  const redactor = REDACTORS[kind] as ((item: Items<K>[number]) => Items<K>[number]) | undefined;
  return redactor ? (items.map(redactor) as Items<K>) : items;
}

/** The snapshot data with every secret above redacted. Idempotent; the input is not modified. */
export function redactSnapshotData(data: SnapshotData): SnapshotData {
  const out: Record<string, unknown> = {};
  for (const [kind, items] of Object.entries(data) as Array<
    [SnapshotKind, Items<SnapshotKind> | undefined]
  >) {
    out[kind] = items ? redactItems(kind, items) : items;
  }
  return out as SnapshotData;
}
