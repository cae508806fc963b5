/** Date and time as staff read them: Asia/Shanghai, 24-hour, Chinese order. */
const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const date = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)).replace(/\//g, '-') : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : date.format(new Date(iso)).replace(/\//g, '-')) : '—');
/** 0.873 → 87.3%; no rate → —. */
export const percent = (rate: number | null | undefined, digits = 1): string => (rate == null ? '—' : `${(rate * 100).toFixed(digits)}%`);
