import { formatDateTime } from '@/lib/ui/date-time-format';

export { formatDateTime };

export function DateTime({ value }: { value: string | Date }) {
  const iso = typeof value === 'string' ? value : value.toISOString();
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}
