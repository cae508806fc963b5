import path from 'node:path';

/**
 * Where export jobs write their files (GOVDATA_EXPORT_DIR, default data/exports). The API and the scheduler both set
 * it at start; in the scale-out deployment every API and scheduler process must see the same directory (a shared
 * volume), since a worker writes the file and any API process may serve its download.
 */
export const DEFAULT_EXPORT_DIR = 'data/exports';

let dir = path.resolve(process.env.GOVDATA_EXPORT_DIR?.trim() || DEFAULT_EXPORT_DIR);

export function configureExportDir(next: string): void {
  dir = path.resolve(next);
}

export const exportDir = (): string => dir;
