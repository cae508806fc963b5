/**
 * `npm run verify-calls [-- --database <sqlite:<file> or postgres://… URL; default DATABASE_URL>] [--public-key <pem file>]`
 *   walks the call-record chain (第十六条(四)) and the daily seals of a database and names the first broken record;
 * `npm run verify-calls -- --certificate <调用凭证.json> [--public-key <pem file>]`
 *   checks a 调用凭证 offline.
 * Exit code 0 when everything verifies, 1 otherwise. The public key defaults to the platform's
 * (GOVDATA_CALL_SEAL_KEY) — an auditor passes the one the bureau published.
 * The chain is read with the database's driver, read only (nothing migrated), by this thread and worker threads
 * (`@govdata/gateway/verify`): no ORM and no platform modules to load, so the command starts in a fraction of a second.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { callSealKey, verifyCallsAt, verifyCertificate, type CertificateFile } from '@govdata/gateway/verify';

const { values } = parseArgs({ options: { database: { type: 'string' }, certificate: { type: 'string' }, 'public-key': { type: 'string' } } });
const publicKey = (): string => (values['public-key'] ? fs.readFileSync(values['public-key'], 'utf8') : callSealKey().publicKeyPem);

if (values.certificate) {
  const cert = JSON.parse(fs.readFileSync(values.certificate, 'utf8')) as CertificateFile;
  const problems = verifyCertificate(cert, values['public-key'] ? publicKey() : cert.publicKey.pem);
  if (!values['public-key']) console.log('注意：使用凭证自带的公钥核验；请以管理局公布的公钥（--public-key）确认其来源。');
  if (problems.length) {
    console.log(`调用凭证核验不通过（${problems.length} 处）：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`调用凭证核验通过：${cert.links.length} 条链接、${cert.seals.length} 个日封存签名均有效，本授权 ${cert.counts.total} 次调用。`);
  process.exit(0);
}

const started = performance.now();
const result = await verifyCallsAt(values.database ?? process.env.DATABASE_URL, publicKey()).catch((e: unknown) => {
  console.log(`调用记录无法核验：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.ok) console.log(`调用记录核验通过：${result.checked.toLocaleString()} 条记录哈希链完整，${result.seals.checked} 个日封存签名有效（${seconds} 秒）。`);
else {
  if (result.firstBroken) console.log(`调用记录核验不通过：${result.firstBroken.reason}（已核验 ${result.checked.toLocaleString()} 条）`);
  if (result.seals.bad.length) console.log(`日封存不符：${result.seals.bad.join('、')}`);
}
process.exitCode = result.ok ? 0 : 1;
