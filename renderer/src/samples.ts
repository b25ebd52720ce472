/** Sample scenarios bundled from assets/scenarios (the same files the tests and the CLI use). */
const files = import.meta.glob('../../assets/scenarios/*.ggs.json', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;

export interface Sample {
  id: string;
  fileName: string;
  load: () => Promise<string>;
}

export const SAMPLES: Sample[] = Object.entries(files)
  .map(([path, load]) => {
    const fileName = path.split('/').pop()!;
    return { id: fileName.replace(/\.ggs\.json$/, ''), fileName, load };
  })
  .sort((a, b) => a.id.localeCompare(b.id));
