// Serialises a request with the AWS SDK's own model of the API (generated from the same service model
// as the API reference) without sending it: members the API does not define are dropped on the way.
import { CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';

class Captured extends Error {
  constructor(readonly body: string) {
    super('captured');
  }
}

const config = { region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } };

function bodyOf(body: unknown): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array);
}

/** The one middleware-stack call used here (the two clients' stacks differ only in their types). */
interface BuildStack {
  add(
    middleware: () => (args: { request: unknown }) => Promise<never>,
    options: { step: 'build'; name: string },
  ): void;
}

async function capture(
  client: ECSClient | ElasticLoadBalancingV2Client,
  send: () => Promise<unknown>,
): Promise<string> {
  (client.middlewareStack as unknown as BuildStack).add(
    () => async (args) => {
      throw new Captured(bodyOf((args.request as { body: unknown }).body));
    },
    { step: 'build', name: 'portholeCaptureBody' },
  );
  try {
    await send();
  } catch (error) {
    if (error instanceof Captured) return error.body;
    throw error;
  }
  throw new Error('the request was sent');
}

/** The JSON body `aws ecs register-task-definition --cli-input-json` would send. */
export async function registerTaskDefinitionBody(input: object): Promise<unknown> {
  const client = new ECSClient(config);
  const cmd = new RegisterTaskDefinitionCommand(input as never);
  return JSON.parse(await capture(client, () => client.send(cmd)));
}

export async function createServiceBody(input: object): Promise<unknown> {
  const client = new ECSClient(config);
  const cmd = new CreateServiceCommand(input as never);
  return JSON.parse(await capture(client, () => client.send(cmd)));
}

const ELB_COMMANDS = {
  'create-target-group': (input: object) => new CreateTargetGroupCommand(input as never),
  'create-load-balancer': (input: object) => new CreateLoadBalancerCommand(input as never),
  'create-listener': (input: object) => new CreateListenerCommand(input as never),
};

/** The form body `aws elbv2 <command> --cli-input-json` would send (query protocol), as key → value. */
export async function elbv2Form(
  command: keyof typeof ELB_COMMANDS,
  input: object,
): Promise<Record<string, string>> {
  const client = new ElasticLoadBalancingV2Client(config);
  const cmd = ELB_COMMANDS[command](input);
  return Object.fromEntries(new URLSearchParams(await capture(client, () => client.send(cmd as never))));
}

/** The query-protocol keys an input object becomes: nested `A.B`, lists `A.member.N`. */
export function queryKeys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => queryKeys(v, `${prefix}member.${i + 1}.`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => queryKeys(v, `${prefix}${k}.`));
  }
  return [prefix.slice(0, -1)];
}
