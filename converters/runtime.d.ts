// Globals that every runtime converters/ runs in (Node ≥ 17, browsers, workers) provides.
// Declared here because the converters build has neither the DOM nor the Node type libraries.
declare function structuredClone<T>(value: T): T;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
