export declare const hyperfine: string | null;
export declare function timeCommand(argv: string[], runs: number): { mean: number; stddev: number; cpu: number | null };
