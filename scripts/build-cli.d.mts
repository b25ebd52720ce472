export declare const cliDir: string;
export declare const cliBundle: string;
export declare function staleReason(dir?: string): string | null;
export declare function buildCli(dir?: string): Promise<void>;
export declare function ensureCli(): Promise<string>;
