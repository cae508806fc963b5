import { ElMessage } from 'element-plus';
import { ApiError } from '../api/http';

/** Shows an API failure to the user: the problem's Chinese detail, never a stack trace. */
export function showError(e: unknown): void {
  if (e instanceof ApiError) {
    ElMessage({ type: e.status >= 500 ? 'error' : 'warning', message: e.detail, grouping: true, duration: 5000 });
    return;
  }
  console.error(e);
  ElMessage({ type: 'error', message: '操作失败，请稍后重试', grouping: true });
}

/** Runs an action, shows its failure, and reports whether it succeeded. */
export async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (e) {
    showError(e);
    return undefined;
  }
}
