// Text imports: the Deno harness ships inside the emulator's bundle as a string
// (vitest reads `?raw` itself; scripts/build.mjs loads it as text).
declare module '*?raw' {
  const text: string;
  export default text;
}

// The npm `deno` package's lookup of its platform binary (untyped CommonJS).
declare module 'deno/install_api.cjs' {
  export function runInstall(): string;
  const api: { runInstall(): string };
  export default api;
}
