// Registers a handler for one entry of the shared route table: params, query and body are parsed with the
// table's schemas (400 naming the field on bad input) and the handler's answer is typed by its response
// schema, so the server cannot drift from what the dashboard parses.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { routes, type ApiError, type RouteName, type Routes } from '@porthole/shared';
import { PathInputError } from '@porthole/core/engine/errors.js';
import { NotReadyError } from './backend.ts';

type Def<N extends RouteName> = Routes[N];
type BodyOf<D> = D extends { body: z.ZodType } ? z.output<D['body']> : undefined;

export interface RouteInput<N extends RouteName> {
  params: z.output<Def<N>['params']>;
  query: z.output<Def<N>['query']>;
  body: BodyOf<Def<N>>;
  req: Request;
  res: Response;
}

/** An answer with a status other than 200: an error body, or (readyz) the normal body with 503. */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

export const notFound = (error: string): Reply<ApiError> => new Reply(404, { error });

export type Answer<N extends RouteName> =
  z.input<Def<N>['response']> | Reply<z.input<Def<N>['response']> | ApiError>;

export interface ServeOptions {
  /** Mount prefix the router sits under (the table's paths are absolute). */
  prefix?: string;
  /** Runs after validation, before the handler (the POST rate limiter: only well-formed requests count). */
  before?: RequestHandler;
  /** The 400 message for a bad body, when plain words say more than "invalid request body". */
  invalidBody?: string;
}

function invalid(res: Response, error: z.ZodError, what: string): void {
  const body: ApiError = {
    error: what,
    issues: error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
  };
  res.status(400).json(body);
}

export function serveRoute<N extends RouteName>(
  router: Pick<Router, 'get' | 'post'>,
  name: N,
  handler: (input: RouteInput<N>) => Answer<N> | Promise<Answer<N>>,
  opts: ServeOptions = {},
): void {
  const def: Def<N> = routes[name];
  const prefix = opts.prefix ?? '';
  if (!def.path.startsWith(`${prefix}/`))
    throw new Error(`route ${name} (${def.path}) is not under ${prefix}`);
  const path = def.path.slice(prefix.length);

  const send = (res: Response, answer: Answer<N>): void => {
    const status = answer instanceof Reply ? answer.status : 200;
    const body: unknown = answer instanceof Reply ? answer.body : answer;
    if ('text' in def && def.text && typeof body === 'string') res.status(status).send(body);
    else res.status(status).json(body);
  };
  const run = async (input: RouteInput<N>, res: Response): Promise<void> => {
    try {
      send(res, await handler(input));
    } catch (err) {
      if (err instanceof NotReadyError) res.status(503).json({ error: err.message } satisfies ApiError);
      else if (err instanceof PathInputError) res.status(400).json({ error: err.message } satisfies ApiError);
      else throw err;
    }
  };

  const handle = (req: Request, res: Response, next: NextFunction): void => {
    const params = def.params.safeParse(req.params);
    if (!params.success) return invalid(res, params.error, 'invalid path parameters');
    const query = def.query.safeParse(req.query);
    if (!query.success) return invalid(res, query.error, 'invalid query');
    let body: unknown;
    if ('body' in def) {
      const parsed = def.body.safeParse(req.body);
      if (!parsed.success) return invalid(res, parsed.error, opts.invalidBody ?? 'invalid request body');
      body = parsed.data;
    }
    const input = { params: params.data, query: query.data, body, req, res } as RouteInput<N>;
    const go = () => run(input, res).catch(next);
    if (!opts.before) return void go();
    Promise.resolve(opts.before(req, res, (err?: unknown) => (err ? next(err) : void go()))).catch(next);
  };
  if (def.method === 'GET') router.get(path, handle);
  else router.post(path, handle);
}
