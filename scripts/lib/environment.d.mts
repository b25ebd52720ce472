export declare const repoRoot: string;
export declare function findElectronBinary(root?: string): string | null;
export declare function onPath(name: string): string | null;
export declare function findChromium(): string | null;
export declare function missingDisplayReason(): string | null;
export declare const INSTALL_BROWSER_HINT: string;
export declare function isStale(output: string, sources: string[], root?: string): boolean;
