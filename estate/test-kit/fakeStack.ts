// aws-sdk-client-mock replaces a client's `send`, which would skip the SDK's middleware stack and with
// it the call plugin (limiter, counter, error shape) and the paginators' real sends. Here the mock sits
// on a stand-in instead, and every real client's stack ends in a middleware that answers from it:
// everything above that point runs as in production, only the network is replaced.
import * as sts$ from '@aws-sdk/client-sts';
import type { STSClient } from '@aws-sdk/client-sts';
import { STSClient as RoleSTSClient } from '@aws-sdk/nested-clients/sts';
import { SMITHY_CONTEXT_KEY, type HandlerExecutionContext } from '@smithy/types';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

interface StackClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
  middlewareStack: { add(mw: unknown, options: object): void };
}

type StandIn = { send: (...a: unknown[]) => unknown };
export interface StackMock<C> {
  stub: AwsClientStub<C>;
  standIn: StandIn;
  restore: () => void;
}

/**
 * The mock of one client class. With `shared`, another class answers from that mock; `translate`
 * maps the command sent to the one the mock matches on.
 */
export function mockThroughStack<C>(
  Client: { prototype: C },
  shared?: StackMock<C>,
  translate: (command: unknown, context: HandlerExecutionContext) => unknown = (c) => c,
): StackMock<C> {
  const standIn: StandIn = shared?.standIn ?? { send: async (): Promise<unknown> => undefined };
  const stub = shared?.stub ?? (mockClient(standIn as never) as unknown as AwsClientStub<C>);
  const proto = Client.prototype as StackClient;
  const own = Object.prototype.hasOwnProperty.call(proto, 'send');
  const realSend = proto.send;
  const wired = new WeakSet<object>();
  const wire = (client: StackClient) => {
    if (wired.has(client)) return;
    wired.add(client);
    client.middlewareStack.add(
      (_next: unknown, context: HandlerExecutionContext) => async () => {
        const sent = (context[SMITHY_CONTEXT_KEY] as { commandInstance?: unknown }).commandInstance;
        // Read standIn.send at call time: the mock's reset() puts a new stub there.
        const output = await standIn.send.call(client, translate(sent, context));
        return { output: { $metadata: {}, ...(output as object) }, response: {} };
      },
      { step: 'initialize', priority: 'low', name: 'fakeAwsAnswer', override: true },
    );
  };
  proto.send = function send(this: StackClient, command: unknown, options?: unknown) {
    wire(this);
    return realSend.call(this, command, options);
  };
  const restore = () => {
    if (own) proto.send = realSend;
    else delete (proto as Partial<StackClient>).send;
    if (!shared) (stub as { restore(): void }).restore();
  };
  return { stub, standIn, restore };
}

/**
 * fromTemporaryCredentials sends AssumeRole through the SDK's nested STS client: the client-sts mock
 * answers it too, as the client-sts command of the same name.
 */
export function mockRoleSts(sts: StackMock<STSClient>): StackMock<unknown> {
  return mockThroughStack<unknown>(RoleSTSClient, sts as StackMock<unknown>, (command, context) => {
    const commands = sts$ as unknown as Record<string, new (input: unknown) => unknown>;
    const Command = commands[context.commandName ?? ''];
    return Command ? new Command((command as { input: unknown }).input) : command;
  });
}
