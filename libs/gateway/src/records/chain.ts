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

/**
 * Walks records in seq order and names the first that fails. It may start in the middle of the chain (`from`: the
 * seq and hash of the record before): the verification walks ranges of seq in parallel (verify-walk.ts).
 */
export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  broken: ChainBreak | null = null;

  constructor(
    from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
    public checked = 0,
  ) {
    this.expectedSeq = from.seq + 1;
    this.prevHash = from.hash;
  }

  get lastHash(): string {
    return this.prevHash;
  }
  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  push(link: StoredLink): boolean {
    if (this.broken) return false;
    return this.pushDigest(link.id, link.seq, link.prevHash, link.hash, link.digest ?? contentDigest(link.content));
  }

  /** push, for a record whose content digest the caller computed (no link object per record). */
  pushDigest(id: number, seq: number, prevHash: string | null, hash: string | null, digest: string): boolean {
    if (!this.follows(id, seq, prevHash)) return false;
    if (linkFromDigest(this.prevHash, digest) !== hash) {
      this.broken = { id, seq, message: `调用记录 ${id}（序号 ${seq}）的内容与其哈希不符（记录被修改）` };
      return false;
    }
    this.prevHash = hash;
    this.expectedSeq++;
    this.checked++;
    return true;
  }

  /** The checks of a record against the one before it (its seq, its previous hash), without its content. */
  follows(id: number, seq: number, prevHash: string | null): boolean {
    if (this.broken) return false;
    if (seq !== this.expectedSeq) {
      const gap = seq > this.expectedSeq ? `序号 ${this.expectedSeq}${seq - 1 > this.expectedSeq ? `–${seq - 1}` : ''} 的记录缺失（被删除）` : `序号 ${seq} 重复或次序错乱`;
      this.broken = { id, seq, message: `调用记录 ${id}（序号 ${seq}）之前${gap}` };
      return false;
    }
    if (prevHash !== this.prevHash) {
      this.broken = { id, seq, message: `调用记录 ${id}（序号 ${seq}）记录的前一哈希与上一条记录不符` };
      return false;
    }
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
