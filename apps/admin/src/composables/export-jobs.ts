import { computed, onBeforeUnmount, ref } from 'vue';
import { exportPercent, type ExportJobDto, type ExportKind } from '@govdata/domain';
import { exportJobDownloadUrl, getExportJob, listExportJobs } from '../api/exports';

const ACTIVE = new Set(['queued', 'running']);

/** 24.7 MB, 830 KB, 512 B. */
export function fileSize(bytes: number | null | undefined): string {
  if (bytes == null) return '—';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * The export jobs of one subject (a release …), the latest per format: started by `start`, polled while they run,
 * and their files handed to the browser when done. Jobs started earlier (before a reload) are picked up by `load`.
 */
export function useExportJobs(kind: ExportKind, start: (format: string) => Promise<{ jobId: number }>, pollMs = 1000) {
  const byFormat = ref<Record<string, ExportJobDto>>({});
  const starting = ref<string | null>(null);
  let subjectId = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const jobs = computed(() => Object.values(byFormat.value).sort((a, b) => a.format.localeCompare(b.format)));
  const active = (format: string) => !!byFormat.value[format] && ACTIVE.has(byFormat.value[format].status);
  const percent = (job: ExportJobDto) => exportPercent(job);

  const put = (job: ExportJobDto) => {
    if (job.subjectId === subjectId) byFormat.value = { ...byFormat.value, [job.format]: job };
  };

  function schedule() {
    if (timer || stopped) return;
    if (!Object.values(byFormat.value).some((j) => ACTIVE.has(j.status))) return;
    timer = setTimeout(async () => {
      timer = null;
      const running = Object.values(byFormat.value).filter((j) => ACTIVE.has(j.status));
      // a failed poll (network) is tried again at the next tick; the job runs on regardless
      await Promise.all(running.map((j) => getExportJob(j.id).then(put, () => undefined)));
      schedule();
    }, pollMs);
  }

  /** The subject's recent jobs of the caller (the newest per format). */
  async function load(id: number) {
    subjectId = id;
    byFormat.value = {};
    const list = await listExportJobs({ kind, subjectId: id });
    const latest: Record<string, ExportJobDto> = {};
    for (const j of list) if (!latest[j.format] && j.status !== 'expired') latest[j.format] = j;
    byFormat.value = latest;
    schedule();
  }

  async function begin(format: string) {
    starting.value = format;
    try {
      const { jobId } = await start(format);
      put(await getExportJob(jobId));
      schedule();
    } finally {
      starting.value = null;
    }
  }

  /** Checks the job once more (a file may have expired meanwhile), then lets the browser fetch the file. */
  async function download(job: ExportJobDto) {
    const fresh = await getExportJob(job.id);
    put(fresh);
    if (fresh.status !== 'done') return false;
    const a = document.createElement('a');
    a.href = exportJobDownloadUrl(fresh.id);
    a.download = fresh.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return true;
  }

  onBeforeUnmount(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });

  return { jobs, starting, active, percent, load, begin, download };
}
