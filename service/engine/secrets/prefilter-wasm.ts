// The prefilter's hot loop as WebAssembly (about twice the JavaScript loop's speed): the DFA walk
// and the base64-run tracking of prefilter.ts, byte for byte the same. Source: prefilter.wat beside
// this file; these bytes are `wat2wasm prefilter.wat` (wabt 1.0.x), checked by prefilter.test.ts.
export const PREFILTER_WASM_BASE64 =
  'AGFzbQEAAAABDQFgCH9/f39/f39/AX8DAgEABQMBAAEHDgIDbWVtAgAEc2NhbgAACqECAZ4CAQd/IAAgAWohDiAAIQggACENIAIh' +
  'CQJAA0AgCCAOTw0BIAgtAAAtAAAhCiAJIApB/AFxaigCACEJIAlBAEgEQEEAIAlrIQkgCyAETwRAIAghDgwDCyADIAtBA3RqIAk2' +
  'AgAgAyALQQN0aiAIQQFqIABrNgIEIAtBAWohCwsgCkEBcSAIIA1rIAdOcQRAIAwgBkkEQCAFIAxBA3RqIA0gAGs2AgAgBSAMQQN0' +
  'aiAIIABrNgIEIAxBAWohDAsLIAhBAWogDSAKQQFxGyENIAhBAWohCAwACwsgDiANayAHTgRAIAwgBkkEQCAFIAxBA3RqIA0gAGs2' +
  'AgAgBSAMQQN0aiAOIABrNgIEIAxBAWohDAsLIAVBBGsgDDYCACALCw==';

/** The little of the WebAssembly API used here (the service build has no DOM lib to type it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface PrefilterInstance {
  memory: WasmMemory;
  scan: (input: number, n: number, root: number, hits: number, hitCap: number, runs: number, runCap: number, minRun: number) => number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | undefined | null;

/** True when the embedded bytes are a valid module for this runtime. */
export function prefilterModuleIsValid(): boolean {
  return api !== undefined && api.validate(Buffer.from(PREFILTER_WASM_BASE64, 'base64'));
}

/** A fresh instance of the prefilter loop, or null where WebAssembly is unavailable (callers fall back to JS). */
export function instantiatePrefilter(): PrefilterInstance | null {
  if (!api) return null;
  if (compiled === undefined) {
    try {
      compiled = new api.Module(Buffer.from(PREFILTER_WASM_BASE64, 'base64'));
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  // Not named `exports`: CommonJS output would shadow the module's own exports object.
  const wasmExports = new api.Instance(compiled, {}).exports;
  return { memory: wasmExports.mem as WasmMemory, scan: wasmExports.scan as PrefilterInstance['scan'] };
}
