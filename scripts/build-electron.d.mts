import type { BuildOptions } from 'esbuild';
export declare function electronBuildOptions(dir?: string): BuildOptions[];
export declare function buildElectron(options?: { watch?: boolean; dir?: string }): Promise<void>;
