import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The gateway's secret (32 random bytes, base64 in a file; GOVDATA_GATEWAY_SECRET names the file): it signs the
 * access tokens (HS256) and keys the `hash` desensitisation (HMAC-SM3, so a consumer can match hashed values across
 * calls but cannot reverse them by trying every ID number). Generated on first start outside production.
 */
export interface GatewayKeys {
  tokenKey: Uint8Array;
  hashKey: Buffer;
}

export const DEFAULT_GATEWAY_SECRET_FILE = 'data/gateway-secret.key';

export function gatewayKeysFrom(secret: Buffer): GatewayKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  return { tokenKey: new Uint8Array(derive('govdata gateway token')), hashKey: derive('govdata gateway value hash') };
}

export function loadGatewayKeys(file: string, opts: { create: boolean }): GatewayKeys {
  if (!fs.existsSync(file)) {
    if (!opts.create) throw new Error(`网关密钥文件 ${file} 不存在（生产环境须由运维提供 GOVDATA_GATEWAY_SECRET 指向的文件：32 字节随机数的 base64）`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // another process created it first
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < 32) throw new Error(`网关密钥文件 ${file} 应含至少 32 字节随机数（base64）`);
  return gatewayKeysFrom(secret);
}

/** The `hash` desensitisation of one value: HMAC-SM3, hex. */
export const valueHasher = (keys: GatewayKeys) => (text: string): string => createHmac('sm3', keys.hashKey).update(text, 'utf8').digest('hex');

/** The platform's signing key for daily seals of the call records (Ed25519, PKCS#8 PEM). */
export interface SealKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SM3 of the public key (SPKI DER), hex */
  keyId: string;
}

export function sealKeyFromPem(pem: string): SealKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: createHash('sm3').update(der).digest('hex') };
}

export function newSealKey(): SealKey {
  return sealKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

export function loadSealKey(file: string, opts: { create: boolean }): SealKey {
  if (!fs.existsSync(file)) {
    if (!opts.create) throw new Error(`调用记录封存密钥文件 ${file} 不存在（生产环境须由运维提供 GOVDATA_CALL_SEAL_KEY 指向的 Ed25519 PKCS#8 私钥）`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return sealKeyFromPem(fs.readFileSync(file, 'utf8'));
}
