import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { gatewayKeysFrom } from '../keys';
import { TOKEN_TTL_SECONDS, verifyAccessToken } from './tokens';

const keys = gatewayKeysFrom(randomBytes(32));
const sign = (iat: number, key = keys.tokenKey) =>
  new SignJWT({ sys: 7, dept: 3 }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setSubject('gd_client').setIssuer('govdata').setAudience('govdata-gateway').setIssuedAt(iat).setExpirationTime(iat + TOKEN_TTL_SECONDS).sign(key);

describe('bearer tokens of the gateway', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  const iat = Math.floor(now.getTime() / 1000);

  it('accepts a valid token, again from the checked tokens, and refuses it once expired', async () => {
    const token = await sign(iat);
    expect(await verifyAccessToken(keys, `Bearer ${token}`, now)).toEqual({ systemId: 7, clientId: 'gd_client', departmentId: 3 });
    expect(await verifyAccessToken(keys, `Bearer ${token}`, new Date(now.getTime() + 60_000))).toEqual({ systemId: 7, clientId: 'gd_client', departmentId: 3 });
    // a signature checked before does not outlive the token
    await expect(verifyAccessToken(keys, `Bearer ${token}`, new Date(now.getTime() + (TOKEN_TTL_SECONDS + 1) * 1000))).rejects.toMatchObject({ status: 401, code: 'gateway.token_invalid' });
  });

  it('refuses a token signed with another key, an altered one and a missing one', async () => {
    const foreign = await sign(iat, new Uint8Array(randomBytes(32)));
    await expect(verifyAccessToken(keys, `Bearer ${foreign}`, now)).rejects.toMatchObject({ code: 'gateway.token_invalid' });
    const token = await sign(iat);
    const [h, p, s] = token.split('.');
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), dept: 4 })).toString('base64url')}.${s}`;
    await expect(verifyAccessToken(keys, `Bearer ${altered}`, now)).rejects.toMatchObject({ code: 'gateway.token_invalid' });
    await expect(verifyAccessToken(keys, undefined, now)).rejects.toMatchObject({ status: 401, code: 'gateway.token_missing' });
  });
});
