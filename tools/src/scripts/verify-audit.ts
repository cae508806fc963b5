/**
 * `npm run verify-audit -- <file> [--public-key platform-public.pem]` — verifies an audit trail offline.
 *
 * <file> is a SQLite database file (a copy of data/govdata.sqlite) or a JSON export from
 * `GET /api/admin/audit/export.json` (审计日志页 → 下载完整日志). Checks every row's SM3 hash and link in order, the
 * chain head, and each daily seal's signature. Without --public-key the seals are checked against the key each seal
 * carries, which proves only that the seals were not altered after signing — give the platform's public key (from the
 * key custodian, not from the same database) to prove who signed them. Exit code 0: intact; 1: broken; 2: usage.
 */
import fs from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { databaseAuditSource, exportAuditSource, openDatabase, verifyAuditTrail, type AuditTrailExport, type AuditTrailSource } from '@govdata/core';
import { allEntities } from '@govdata/platform';

const args = process.argv.slice(2);
const keyAt = args.indexOf('--public-key');
const keyFile = keyAt >= 0 ? args[keyAt + 1] : null;
const file = args.find((a, i) => !a.startsWith('--') && (keyAt < 0 || i !== keyAt + 1));
if (!file || !fs.existsSync(file) || (keyAt >= 0 && (!keyFile || !fs.existsSync(keyFile)))) {
  console.error('usage: npm run verify-audit -- <govdata.sqlite | audit-trail.json> [--public-key public.pem]');
  process.exit(2);
}

// a private key file also works: only its public half is used
const trusted = keyFile ? { publicKeyPem: createPublicKey(fs.readFileSync(keyFile, 'utf8')).export({ type: 'spki', format: 'pem' }).toString() } : null;
const isSqlite = fs.readFileSync(file).subarray(0, 16).toString('latin1').startsWith('SQLite format 3');

let close = async () => undefined as void;
let source: AuditTrailSource;
if (isSqlite) {
  const db = await openDatabase(`sqlite:${file}`, { entities: allEntities, migrate: false, quiet: true });
  close = () => db.close();
  source = databaseAuditSource(db.fork());
} else {
  source = exportAuditSource(JSON.parse(fs.readFileSync(file, 'utf8')) as AuditTrailExport);
}

const started = performance.now();
const result = await verifyAuditTrail(source, trusted);
await close();
const ms = Math.round(performance.now() - started);
console.log(`审计日志校验 ${file}`);
console.log(`  记录 ${result.totalRows} 条，逐条核对通过 ${result.checkedRows} 条；链头 ${result.head ? `序号 ${result.head.seq} ${result.head.hash.slice(0, 16)}…` : '无'}`);
console.log(`  每日封存 ${result.seals.total} 份，有效 ${result.seals.valid} 份${result.seals.lastSealedDay ? `，最近封存 ${result.seals.lastSealedDay}` : ''}；${trusted ? `按给定公钥（指纹 ${result.trustedKeyId?.slice(0, 16)}…）核验` : '未给出平台公钥：仅按封存自带公钥核验签名'}`);
if (result.firstBroken) console.log(`  ✗ 第一处断裂：${result.firstBroken.message}`);
if (result.seals.firstInvalid) console.log(`  ✗ 封存无效：${result.seals.firstInvalid.message}`);
console.log(result.ok ? `  ✓ 完整，未发现篡改（${ms} ms）` : `  ✗ 校验未通过（${ms} ms）`);
process.exit(result.ok ? 0 : 1);
