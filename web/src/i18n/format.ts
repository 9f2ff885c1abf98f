// vi-VN formats everywhere, whatever the interface language: numbers 1.234.567,
// dates dd/MM/yyyy, wall-clock times in Asia/Ho_Chi_Minh.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const numberFormat = new Intl.NumberFormat('vi-VN');
const dateParts = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : numberFormat.format(value);
}

function parts(value: string | Date): Record<string, string> | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(dateParts.formatToParts(date).map((p) => [p.type, p.value]));
}

/** A calendar date (`2025-06-30`) or an instant, as dd/MM/yyyy (instants in Vietnam's time zone). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string') {
    const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (calendar) return `${calendar[3]}/${calendar[2]}/${calendar[1]}`;
  }
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : String(value);
}

/** An instant as dd/MM/yyyy HH:mm:ss in Vietnam's time zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}` : String(value);
}

/** Today's calendar date in Vietnam, as yyyy-MM-dd (the API's `asOf`). */
export function todayInVietnam(now = new Date()): string {
  return isoDay.format(now);
}

/** Whether an instant lies in the past. */
export function isPast(value: string | null | undefined, now = Date.now()): boolean {
  return !!value && new Date(value).getTime() < now;
}
