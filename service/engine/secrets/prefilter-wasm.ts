// The prefilter's hot loops as WebAssembly (about four times the JavaScript loop's speed): the DFA
// walk (four quarters interleaved) and a SIMD base64-run finder, with the results of prefilter.ts's
// loop. Source: prefilter.wat beside this file; these bytes are `wat2wasm prefilter.wat` (wabt 1.0.x), checked by prefilter.test.ts.
export const PREFILTER_WASM_BASE64 =
  'AGFzbQEAAAABGwNgA39/fwF/YAV/f39/fwF/YAd/f39/f39/AAMFBAABAgEFAwEAAQcVAwNtZW0CAARzY2FuAAIEcnVucwADCsgG' +
  'BDkAAkADQCABIAJPDQEgACABLQAALQAAaigCACEAIABBAEgEQEEAIABrIQALIAFBAWohAQwACwsgAAspACABIAJJBEAgACABQQN0' +
  'aiADNgIAIAAgAUEDdGogBDYCBAsgAUEBagvaAwESfyABQQJ2IQcgACAHQQBsaiEJIAMgBEEAbGohDCACIQogACAHQQFsaiENIAMg' +
  'BEEBbGohECACIAAgDSAGayANIAZrIABIGyANEAAhDiAAIAdBAmxqIREgAyAEQQJsaiEUIAIgACARIAZrIBEgBmsgAEgbIBEQACES' +
  'IAAgB0EDbGohFSADIARBA2xqIRggAiAAIBUgBmsgFSAGayAASBsgFRAAIRYCQANAIAggB08NASAKIAkgCGotAAAtAABqKAIAIQog' +
  'DiANIAhqLQAALQAAaigCACEOIBIgESAIai0AAC0AAGooAgAhEiAWIBUgCGotAAAtAABqKAIAIRYgCiAOciASIBZyckEASARAIApB' +
  'AEgEQEEAIAprIQogDCALIAUgCiAJIAhqQQFqIABrEAEhCwsgDkEASARAQQAgDmshDiAQIA8gBSAOIA0gCGpBAWogAGsQASEPCyAS' +
  'QQBIBEBBACASayESIBQgEyAFIBIgESAIakEBaiAAaxABIRMLIBZBAEgEQEEAIBZrIRYgGCAXIAUgFiAVIAhqQQFqIABrEAEhFwsL' +
  'IAhBAWohCAwACwsgDEEEayALNgIAIBBBBGsgDzYCACAUQQRrIBM2AgAgGEEEayAXNgIAC4UCAwR/AXsCfyAAIAFqIQYgACEFIAAh' +
  'BwJAA0AgBSAGTw0BIAX9AAQAIQlB//8DIAlBIP0P/VBB4QD9D/1xQRr9D/0mIAlBMP0P/XFBCv0P/Sb9UCAJQSv9D/0jIAlBL/0P' +
  '/SP9UP1Q/WRzIQogCgRAIAUgCmhqIQsgCyAHayAETgRAIAggA0kEQCACIAhBA3RqIAcgAGs2AgAgAiAIQQN0aiALIABrNgIEIAhB' +
  'AWohCAsLIAVBIGogCmdrIQcLIAVBEGohBQwACwsgBiAHayAETgRAIAggA0kEQCACIAhBA3RqIAcgAGs2AgAgAiAIQQN0aiAGIABr' +
  'NgIEIAhBAWohCAsLIAgL';

/** The little of the WebAssembly API used here (the service build has no DOM lib to type it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface PrefilterInstance {
  memory: WasmMemory;
  scan: (input: number, n: number, root: number, hits: number, areaBytes: number, hitCap: number, overlap: number) => void;
  runs: (input: number, n: number, runs: number, runCap: number, minRun: number) => number;
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
  return { memory: wasmExports.mem as WasmMemory, scan: wasmExports.scan as PrefilterInstance['scan'], runs: wasmExports.runs as PrefilterInstance['runs'] };
}
