import { hash } from 'node:crypto';

/**
 * The hash chain of call records: each record carries the SM3 hash (GB/T 32905) of the previous record's hash and of
 * its own canonical content, so editing, inserting or removing a record anywhere breaks every later link. (The audit
 * trail builds the same; when its chain helpers are in @govdata/core this file gives way to them.)
 */
export const GENESIS_HASH = '0'.repeat(64);

/** SM3 in one call (crypto.hash: no Hash object per value — verify-calls hashes two values per record). */
export const sm3Hex = (text: string | Buffer): string => hash('sm3', text, 'hex');

/** Canonical JSON: keys sorted recursively, no whitespace — the same text from SQLite and PostgreSQL. */
export function canonicalJson(value: unknown): string {
  return stringify(JSON.parse(JSON.stringify(value ?? null)) as unknown);
}

function stringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stringify(o[k])}`)
    .join(',')}}`;
}

/**
 * A record's content digest and its link hash: SM3(prevHash, newline, SM3(canonical content)). Hashing the digest
 * rather than the content lets a certificate prove a department's own records are in the sealed chain while showing
 * only the digests of other departments' records in between.
 */
export const contentDigest = (content: unknown): string => sm3Hex(canonicalJson(content));
export const linkFromDigest = (prevHash: string, digest: string): string => sm3Hex(`${prevHash}\n${digest}`);
export const linkHash = (prevHash: string, content: unknown): string => linkFromDigest(prevHash, contentDigest(content));

export interface StoredLink {
  id: number;
  seq: number;
  prevHash: string | null;
  hash: string | null;
  content: unknown;
  /** the content's digest when the caller computed it already (the call records' fast canonical form) */
  digest?: string;
}

export interface ChainBreak {
  id: number | null;
  seq: number;
  message: string;
}

/** Walks records in seq order and names the first that fails. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;
  broken: ChainBreak | null = null;

  get lastHash(): string {
    return this.prevHash;
  }
  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  push(link: StoredLink): boolean {
    if (this.broken) return false;
    if (link.seq !== this.expectedSeq) {
      const gap = link.seq > this.expectedSeq ? `序号 ${this.expectedSeq}${link.seq - 1 > this.expectedSeq ? `–${link.seq - 1}` : ''} 的记录缺失（被删除）` : `序号 ${link.seq} 重复或次序错乱`;
      this.broken = { id: link.id, seq: link.seq, message: `调用记录 ${link.id}（序号 ${link.seq}）之前${gap}` };
      return false;
    }
    if (link.prevHash !== this.prevHash) {
      this.broken = { id: link.id, seq: link.seq, message: `调用记录 ${link.id}（序号 ${link.seq}）记录的前一哈希与上一条记录不符` };
      return false;
    }
    if ((link.digest === undefined ? linkHash(this.prevHash, link.content) : linkFromDigest(this.prevHash, link.digest)) !== link.hash) {
      this.broken = { id: link.id, seq: link.seq, message: `调用记录 ${link.id}（序号 ${link.seq}）的内容与其哈希不符（记录被修改）` };
      return false;
    }
    this.prevHash = link.hash;
    this.expectedSeq++;
    this.checked++;
    return true;
  }

  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    if (this.broken || !head) return this.broken;
    if (head.seq !== this.lastSeq || head.hash !== this.prevHash) {
      this.broken = {
        id: null,
        seq: this.lastSeq + 1,
        message: head.seq > this.lastSeq ? `链尾调用记录缺失：应有 ${head.seq} 条，只找到 ${this.lastSeq} 条（末尾记录被删除）` : `链头（序号 ${head.seq}）与最后一条记录（序号 ${this.lastSeq}）不符`,
      };
    }
    return this.broken;
  }
}
