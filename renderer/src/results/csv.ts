/** CSV export of result tables (RFC 4180 quoting), saved as a download; downloads of other text (JSON). */
import { downloadText } from '../host/download.ts';

export { downloadText };

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export function downloadCsv(fileName: string, text: string) {
  downloadText(fileName, text, 'text/csv');
}
