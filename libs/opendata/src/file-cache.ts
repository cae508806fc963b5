import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenDownloadFormat } from '@govdata/domain';
import type { PublicData } from './downloads';

/**
 * 下载文件缓存: a data version is immutable, so the file the public downloads of it — under the same public columns,
 * masking rules and hashing key — is the same bytes every time. The first full download writes the file beside the
 * response (a temporary name, renamed when complete); later downloads stream the file from disk with its length
 * known, instead of reading and masking every row again (bench:portal). A file is named by the entry, the version, the
 * format and a digest of everything that shapes its bytes, so a changed rule, a renamed item or a rotated key simply
 * misses; the files of an entry's earlier versions are removed when a file of a newer one is written.
 * Each API process keeps its own directory (a cache, not a store: deleting it loses nothing).
 */
export class DownloadFileCache {
  constructor(readonly dir: string) {}

  /** The file name for a version's download in a format; `keyFingerprint` stands for the hashing key (a rotated key misses). */
  nameOf(data: PublicData, format: OpenDownloadFormat, keyFingerprint: string): string {
    const shape = JSON.stringify([data.title, data.columns.map((c) => [c.itemId, c.column, c.fieldName, c.name, c.dataType, c.served]), keyFingerprint]);
    const digest = createHash('sha256').update(shape).digest('hex').slice(0, 16);
    const ext = format.toLowerCase();
    return `${data.entryId}-${data.version.id}-${ext}-${digest}.${ext}`;
  }

  /** The cached file opened for reading with its size, or null when there is none (or it went meanwhile). */
  async open(name: string): Promise<{ handle: fs.promises.FileHandle; size: number } | null> {
    try {
      const handle = await fs.promises.open(path.join(this.dir, name), 'r');
      return { handle, size: (await handle.stat()).size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /**
   * A writer for the file: `stream` takes the bytes; `commit` gives the file its name once everything was written
   * (and removes the entry's files of other versions), `discard` drops a partial file (the client went away).
   */
  writer(name: string): { stream: fs.WriteStream; commit: () => Promise<void>; discard: () => void } {
    fs.mkdirSync(this.dir, { recursive: true });
    const temp = path.join(this.dir, `.${name}.${randomUUID()}.tmp`);
    const stream = fs.createWriteStream(temp);
    const finished = new Promise<void>((resolve, reject) => {
      stream.once('finish', () => resolve());
      stream.once('error', reject);
    });
    return {
      stream,
      commit: async () => {
        if (!stream.writableEnded) stream.end();
        await finished;
        await new Promise<void>((resolve) => (stream.closed ? resolve() : stream.once('close', () => resolve())));
        await fs.promises.rename(temp, path.join(this.dir, name));
        await this.removeOtherVersions(name);
      },
      discard: () => {
        stream.destroy();
        fs.promises.rm(temp, { force: true }).catch(() => undefined);
      },
    };
  }

  /** Removes the files of the same entry written for other versions (superseded data is not downloaded any more). */
  private async removeOtherVersions(name: string): Promise<void> {
    const [entryId, versionId] = name.split('-');
    for (const other of await fs.promises.readdir(this.dir)) {
      const [e, v] = other.split('-');
      if (e === entryId && v !== versionId && !other.startsWith('.')) await fs.promises.rm(path.join(this.dir, other), { force: true });
    }
  }
}
