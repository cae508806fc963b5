import { hash } from 'node:crypto';

/**
 * Hash chains (审计日志、调用记录凭证): each link carries the SM3 hash (GB/T 32905) of the previous link's hash and of
 * its own canonical content, so editing, inserting or removing a row anywhere breaks every later link.
 */

/** The "previous hash" of a chain's first link. */
export const GENESIS_HASH = '0'.repeat(64);

/** SM3 in one call (crypto.hash: no Hash object per value, which counts when a whole chain is verified). */
export const sm3Hex = (text: string): string => hash('sm3', text, 'hex');

/**
 * Canonical JSON: object keys sorted (recursively), no whitespace, values as JSON has them (a Date becomes its ISO
 * string, an undefined member disappears). The same content read back from SQLite (JSON text) or PostgreSQL (jsonb,
 * which reorders keys) gives the same string.
 */
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

/** The hash of one link: SM3 over the previous hash, a newline and the canonical content. */
export const linkHash = (prevHash: string, content: unknown): string => sm3Hex(`${prevHash}\n${canonicalJson(content)}`);

/** One stored link as a verifier reads it back. */
export interface StoredLink {
  /** the row's id, for the report */
  id: number | string;
  /** 1, 2, 3 … without gaps */
  seq: number;
  prevHash: string | null;
  hash: string | null;
  /** what was hashed, rebuilt from the stored columns */
  content: unknown;
}

export interface ChainBreak {
  /** the first row that does not verify (for a removed row: the row after the gap) */
  id: number | string | null;
  seq: number;
  reason: 'content_changed' | 'link_broken' | 'rows_missing' | 'missing_hash' | 'head_mismatch';
  message: string;
}

/**
 * Walks links in seq order and names the first one that fails. Feed it in pages (`state` carries the last link
 * across calls); `finish` compares the end with the chain head the database holds.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;
  broken: ChainBreak | null = null;

  constructor(private readonly label = '行') {}

  get lastHash(): string {
    return this.prevHash;
  }
  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  /** false once a break is found (the caller may stop reading) */
  push(link: StoredLink): boolean {
    if (this.broken) return false;
    const { label } = this;
    if (!link.hash || !link.prevHash || !Number.isFinite(link.seq)) {
      this.broken = { id: link.id, seq: link.seq, reason: 'missing_hash', message: `${label} ${link.id} 没有链式哈希` };
      return false;
    }
    if (link.seq !== this.expectedSeq) {
      const missing = link.seq > this.expectedSeq ? `序号 ${this.expectedSeq}${link.seq - 1 > this.expectedSeq ? `–${link.seq - 1}` : ''} 的记录缺失（被删除）` : `序号 ${link.seq} 重复或次序错乱`;
      this.broken = { id: link.id, seq: link.seq, reason: 'rows_missing', message: `${label} ${link.id}（序号 ${link.seq}）之前${missing}` };
      return false;
    }
    if (link.prevHash !== this.prevHash) {
      this.broken = { id: link.id, seq: link.seq, reason: 'link_broken', message: `${label} ${link.id}（序号 ${link.seq}）记录的前一哈希与上一条记录不符` };
      return false;
    }
    if (linkHash(link.prevHash, link.content) !== link.hash) {
      this.broken = { id: link.id, seq: link.seq, reason: 'content_changed', message: `${label} ${link.id}（序号 ${link.seq}）的内容与其哈希不符（记录被修改）` };
      return false;
    }
    this.prevHash = link.hash;
    this.expectedSeq++;
    this.checked++;
    return true;
  }

  /** The head the database keeps (seq and hash of the last appended link): rows removed from the end show here. */
  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    if (this.broken || !head) return this.broken;
    if (head.seq !== this.lastSeq || head.hash !== this.prevHash) {
      this.broken = {
        id: null,
        seq: this.lastSeq + 1,
        reason: 'head_mismatch',
        message: head.seq > this.lastSeq ? `链尾记录缺失：应有 ${head.seq} 条，只找到 ${this.lastSeq} 条（末尾记录被删除）` : `链头（序号 ${head.seq}）与最后一条记录（序号 ${this.lastSeq}）不符`,
      };
    }
    return this.broken;
  }
}
