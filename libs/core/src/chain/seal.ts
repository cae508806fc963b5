import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson, sm3Hex } from './hash';

/** What a daily seal signs. */
export interface SealPayload {
  chain: string;
  day: string;
  lastSeq: number;
  lastHash: string;
}

export type SealAlgorithm = 'SM2-SM3' | 'Ed25519';

export interface SealKey {
  algorithm: SealAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** SM3 of the SPKI DER public key */
  keyId: string;
}

export const sealMessage = (p: SealPayload): Buffer => Buffer.from(canonicalJson({ v: 1, chain: p.chain, day: p.day, lastSeq: p.lastSeq, lastHash: p.lastHash }), 'utf8');

export const keyIdOf = (publicKey: KeyObject): string => sm3Hex(publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));

function algorithmOf(key: KeyObject): SealAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  // OpenSSL 3 reads an SM2 key back from PEM as a key type Node has no name for
  if (key.asymmetricKeyType === undefined || (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'SM2')) return 'SM2-SM3';
  throw new Error(`审计封存密钥的类型 ${key.asymmetricKeyType ?? '?'} 不受支持（需要 SM2 或 Ed25519）`);
}

export function signSeal(key: SealKey, payload: SealPayload): string {
  const digest = key.algorithm === 'Ed25519' ? null : 'sm3';
  return sign(digest, sealMessage(payload), key.privateKey).toString('base64');
}

/** Checks a seal's signature with a public key (PEM). False for a wrong key, a bad signature or an unknown algorithm. */
export function verifySeal(publicKeyPem: string, algorithm: string, payload: SealPayload, signature: string): boolean {
  try {
    const publicKey = createPublicKey(publicKeyPem);
    if (algorithmOf(publicKey) !== algorithm) return false;
    return verify(algorithm === 'Ed25519' ? null : 'sm3', sealMessage(payload), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function publicKeyInfo(pem: string): { keyId: string; algorithm: SealAlgorithm } {
  const key = createPublicKey(pem);
  return { keyId: keyIdOf(key), algorithm: algorithmOf(key) };
}

/**
 * The platform's sealing key from a PEM file (PKCS#8 private key). When the file is missing and `create` is set
 * (development, tests), an SM2 key pair is generated and written there (mode 0600); in production a missing key is an
 * error — the operator provides it (docs/security.md).
 */
export function loadSealKey(file: string, opts: { create: boolean }): SealKey {
  if (!fs.existsSync(file)) {
    if (!opts.create) throw new Error(`审计封存密钥文件 ${file} 不存在（生产环境须由运维提供 GOVDATA_AUDIT_KEY 指向的 PKCS#8 私钥）`);
    const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const pem = fs.readFileSync(file, 'utf8');
  const publicKey = createPublicKey(pem);
  const privateKey = createPrivateKey(pem);
  return { algorithm: algorithmOf(publicKey), privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}
