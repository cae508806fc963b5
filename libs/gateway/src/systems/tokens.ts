import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { EntityManager } from '@mikro-orm/knex';
import { OAuthError, UnauthorizedError, type TokenResponse } from '@govdata/domain';
import { AppSystem } from '../entities/app-system.entity';
import type { GatewayKeys } from '../keys';
import { secretMatches } from './systems';

/** Access tokens live 10 minutes: short enough that a rotated secret or a stolen token soon stops mattering. */
export const TOKEN_TTL_SECONDS = 600;
const ISSUER = 'govdata';
const AUDIENCE = 'govdata-gateway';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The client's id and secret from the form or from HTTP Basic (RFC 6749 §2.3.1) — one way, not both. */
export function clientCredentialsOf(form: { client_id?: string; client_secret?: string }, authorization: string | undefined): ClientCredentials {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic) {
    if (form.client_id || form.client_secret) throw new OAuthError('invalid_request', '客户端凭据只能用一种方式提供：HTTP Basic 或表单中的 client_id / client_secret');
    const text = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'HTTP Basic 凭据格式有误，应为 base64(client_id:client_secret)');
    return { clientId: decodeURIComponent(text.slice(0, colon)), clientSecret: decodeURIComponent(text.slice(colon + 1)) };
  }
  if (!form.client_id || !form.client_secret) throw new OAuthError('invalid_client', '缺少客户端凭据：请以 HTTP Basic 或表单 client_id、client_secret 提供');
  return { clientId: form.client_id, clientSecret: form.client_secret };
}

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4): a short-lived signed token (HS256, jose) for an active system
 * whose secret matches. `realNow` is the real time — tokens are security time, never the business clock.
 */
export async function issueToken(em: EntityManager, keys: GatewayKeys, grantType: string, creds: ClientCredentials, realNow: Date): Promise<TokenResponse> {
  if (grantType !== 'client_credentials') throw new OAuthError('unsupported_grant_type', `不支持的 grant_type “${grantType.slice(0, 40)}”，只支持 client_credentials`);
  const s = await em.findOne(AppSystem, { clientId: creds.clientId });
  // the same answer for an unknown client and a wrong secret
  if (!s || !secretMatches(creds.clientSecret, s.secretHash)) throw new OAuthError('invalid_client', '客户端标识或密钥不正确');
  if (s.status !== 'active') throw new OAuthError('invalid_client', '该接入系统已停用，请联系本部门数据共享责任人');
  const iat = Math.floor(realNow.getTime() / 1000);
  const token = await new SignJWT({ sys: s.id, dept: s.department.id })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(s.clientId)
    .setJti(randomBytes(12).toString('base64url'))
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_SECONDS)
    .sign(keys.tokenKey);
  return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS };
}

export interface TokenClaims {
  systemId: number;
  clientId: string;
  departmentId: number;
}

/**
 * Tokens whose signature was checked, with their expiry (epoch seconds), per key set: a signature stays valid for the
 * token's life, so a system calling with the same token is not checked again (Web Crypto's HMAC was a tenth of a
 * gateway call's CPU). Expiry is still checked on every call against real time; the system's state is checked by
 * the caller, per call. Bounded: cleared when full.
 */
const verified = new WeakMap<GatewayKeys, Map<string, { claims: TokenClaims; exp: number }>>();
const VERIFIED_MAX = 10_000;

/** Checks a bearer token's signature, issuer, audience and expiry (401 otherwise). The system's state is checked by the caller, per call. */
export async function verifyAccessToken(keys: GatewayKeys, authorization: string | undefined, realNow: Date): Promise<TokenClaims> {
  const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization ?? '');
  if (!m) throw new UnauthorizedError('缺少访问令牌：请先以客户端凭据调用 POST /api/oauth/token，再以 Authorization: Bearer <access_token> 调用', 'gateway.token_missing');
  const token = m[1];
  let cache = verified.get(keys);
  if (!cache) verified.set(keys, (cache = new Map()));
  const known = cache.get(token);
  if (known && known.exp > realNow.getTime() / 1000) return known.claims;
  try {
    const { payload } = await jwtVerify(token, keys.tokenKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: realNow, typ: 'at+jwt' });
    const systemId = Number(payload.sys);
    const departmentId = Number(payload.dept);
    if (!Number.isInteger(systemId) || !Number.isInteger(departmentId) || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new Error('claims');
    const claims = { systemId, clientId: payload.sub, departmentId };
    if (cache.size >= VERIFIED_MAX) cache.clear();
    cache.set(token, { claims, exp: payload.exp });
    return claims;
  } catch {
    throw new UnauthorizedError('访问令牌无效或已过期，请重新申请令牌', 'gateway.token_invalid');
  }
}
