const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Short time of day, with the date when it is not today. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === new Date().toDateString() ? time.format(date) : dayTime.format(date);
}

export function formatRange(from: string, to: string): string {
  return `${dayTime.format(new Date(from))} – ${dayTime.format(new Date(to))}`;
}

/** "45 seconds", "3 minutes": how long to wait, rounded up. */
export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

const regions = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'region' }) : null;

/** "Uzbekistan" for UZ, in the browser's language; the code itself when the browser has no name for it. */
export function countryName(code: string): string {
  try {
    return regions?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** An estimated amount in the price table's currency: 12.34 EUR (up to 4 decimals for unit prices). */
export function formatMoney(amount: number, currency: string, maximumFractionDigits = 2): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits }).format(amount);
  } catch {
    return `${amount.toFixed(maximumFractionDigits)} ${currency}`;
  }
}
