import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { EntityManager } from '@mikro-orm/knex';
import type { Actor, Role } from '@govdata/domain';
import type { Authenticated, ClientInfo } from '@govdata/core';
import type { PublicAuthenticated } from '@govdata/opendata';
import type { AppContext } from '../context';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: anyone, any logged-in user, or users holding one of the roles; `public_user`: a person or
 * organisation logged in on the open portal (their own session, never a staff one — and no staff route takes theirs).
 * Finer rules (a department sees only its own records) belong to the rule or the query, not here.
 */
export type Access = 'public' | 'authenticated' | 'public_user' | readonly Role[];

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** the logged-in user; reading it on a public route without a session throws 401 */
  readonly actor: Actor;
  readonly auth: Authenticated;
  /** the open portal's logged-in user (routes with access `public_user`); reading it elsewhere without one throws 401 */
  readonly publicUser: PublicAuthenticated;
  /** the logged-in user if any — for public routes that show more to staff */
  maybeActor: Actor | null;
  /** a fresh EntityManager for this request; inside the request's transaction for writes */
  em: EntityManager;
  /** the business clock's now, read once per request */
  now: Date;
  /** the real time, read once per request: for sessions and throttles, never for business rules */
  realNow: Date;
  app: AppContext;
  client: ClientInfo;
  req: Request;
  res: Response;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: Method;
  /** Express path, e.g. /api/users/:id */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response?: z.ZodType<R>;
  /** success status (200 by default, 201 for creations) */
  status?: number;
  /** the response content type when not JSON (file downloads); the handler then writes the response itself */
  produces?: string;
  /** writes run in one transaction by default; false lets the handler commit partial work (login failures) */
  transactional?: boolean;
  handler(ctx: HandlerContext<P, Q, B>): Promise<R>;
}

/** Declares a route; the types of params, query and body follow from their schemas. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;
