export declare const cliDir: string;
export declare const cliBundle: string;
export declare function staleReason(): string | null;
export declare function buildCli(): Promise<void>;
export declare function ensureCli(): Promise<string>;
