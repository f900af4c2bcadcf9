// Types for zpl-image 0.3 (the package ships none): the two converters its Node entry exports.
declare module 'zpl-image' {
  export interface GrfResult {
    /** Uncompressed GRF length in bytes. */
    readonly length: number;
    /** Bytes per GRF row. */
    readonly rowlen: number;
    readonly z64: string;
  }
  export interface GrfOptions {
    readonly black?: number;
    readonly rotate?: 'N' | 'L' | 'R' | 'I' | 'B';
    readonly notrim?: boolean;
  }
  export function rgbaToZ64(rgba: Uint8Array | Buffer | number[], width: number, opts?: GrfOptions): GrfResult;
  const zplImage: { rgbaToZ64: typeof rgbaToZ64 };
  export default zplImage;
}
