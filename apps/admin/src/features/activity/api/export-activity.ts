import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { ActivityFilters } from './get-activity';

export interface CsvFile {
  blob: Blob;
  filename: string;
}

function filenameFrom(disposition: string | null): string {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1] ?? `otp-activity-${new Date().toISOString().slice(0, 10)}.csv`;
}

/** The server masks phone numbers in the export; this only carries the bearer header and the filters. */
export async function fetchActivityExport(filters: ActivityFilters): Promise<CsvFile> {
  const response = await apiFetch('/v1/admin/activity/export', { query: { ...filters } });
  return { blob: await response.blob(), filename: filenameFrom(response.headers.get('Content-Disposition')) };
}

function saveFile({ blob, filename }: CsvFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function useExportActivity() {
  return useMutation({ mutationFn: fetchActivityExport, onSuccess: saveFile });
}
