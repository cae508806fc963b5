import { ElMessage } from 'element-plus';

/**
 * Copies text to the clipboard. The Clipboard API needs a secure context (https or localhost); a console opened over
 * plain http on the intranet falls back to the selection, and says so when even that fails.
 */
export async function copyText(text: string, messages: { done: string; failed: string }): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
    } else {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      if (!ok) throw new Error('copy refused');
    }
    ElMessage.success(messages.done);
    return true;
  } catch {
    ElMessage.warning(messages.failed);
    return false;
  }
}
