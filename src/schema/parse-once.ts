// The parse options for a schema read once or twice per command (the suite file, run.json).
// zod compiles a fast parser for each object schema on its first parse (generated code, then V8
// compiles that): worth it for a schema parsed per case or per line, not for one parse. Measured
// on run.json's schema: its first parse took ~20-35 ms with the compiled parser and ~7-24 ms
// without, on the path of `evals run` to its first request.
export const PARSED_ONCE = { jitless: true } as const;
