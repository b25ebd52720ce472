/**
 * The shipped real data: Open Power System Data "Household Data", building
 * DE_KN_residential4 (Konstanz), hourly cumulative registers
 * (assets/load/, CC BY 4.0 — cite https://doi.org/10.25832/household_data).
 * Read with the generic meter importer: registers to hourly energy, gaps of
 * up to `fillGapsUpTo` missing readings spread evenly and reported, longer
 * ones left missing, the publisher's own interpolation flags counted; load =
 * grid import + own PV use, PV, and net load derived; calendar in
 * Europe/Berlin.
 */
import { parseMeterCsv, type MeterCsvResult } from './meterCsv.ts';
import { trimTo } from './meterData.ts';

export const OPSD_SOURCE = {
  name: 'Open Power System Data, Household Data, DE_KN_residential4 (hourly)',
  licence: 'CC BY 4.0',
  citation: 'Open Power System Data. Data Package Household Data. https://doi.org/10.25832/household_data',
} as const;

/** Gaps of up to 3 missing hourly readings are spread evenly (the register's total across the gap is known). */
export const OPSD_FILL_UP_TO = 3;

export function parseOpsdHousehold(text: string, fillGapsUpTo = OPSD_FILL_UP_TO): MeterCsvResult {
  const r = parseMeterCsv(text, {
    timestampColumn: 'utc_timestamp',
    ignore: ['cet_cest_timestamp'],
    interpolatedColumn: 'interpolated_values',
    values: 'register',
    timeZone: 'Europe/Berlin',
    fillGapsUpTo,
    allowMissing: true,
  });
  return r.ok ? { ok: true, data: trimTo(r.data, 'load') } : r;
}
