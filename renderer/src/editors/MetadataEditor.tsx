import { FormField } from '../components/FormField.tsx';
import { useIssues } from '../state/useIssues.ts';

/** Scenario name, description and the time axis (T periods of dtHours). */
export function MetadataEditor() {
  const issues = useIssues();
  return (
    <div className="form">
      <h3>Metadata</h3>
      <FormField path="metadata.name" label="Name" kind="text" issues={issues} />
      <FormField path="metadata.description" label="Description" kind="text" issues={issues} />
      <FormField path="metadata.author" label="Author" kind="optionalText" issues={issues} />
      <h3>Time</h3>
      <FormField path="time.T" label="Periods T" kind="number" issues={issues} hint="24 hourly, 96 quarter-hourly; every profile holds T values" />
      <FormField path="time.dtHours" label="Period length" unit="h" kind="number" issues={issues} />
      <FormField path="time.start" label="Start" kind="text" issues={issues} hint="local date-time, e.g. 2026-07-01T00:00" />
    </div>
  );
}
