/** A form field for a Series: a constant, or the id of a profile (offered from the library). */
import { FormField } from '../components/FormField.tsx';
import { parseSeries, seriesText } from './seriesText.ts';

export interface SeriesFieldProps {
  path: string;
  label: string;
  unit?: string;
  issues: Map<string, string>;
}

export function SeriesField({ path, ...rest }: SeriesFieldProps) {
  return <FormField path={path} {...rest} kind="optionalText" list="vpp-series" display={seriesText} parse={parseSeries} issuePaths={[`${path}.profile`]} />;
}
