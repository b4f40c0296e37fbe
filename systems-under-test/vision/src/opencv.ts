/**
 * Loads OpenCV.js (`@techstark/opencv-js`, the official opencv.js build compiled to WebAssembly)
 * once per process, and types the part of its API that this service uses. The package's own
 * type declarations lack StringVector and the multi-code QR methods, so the interface below
 * states what the 4.12.0 build exports, checked at load time by `assertExports`.
 */
import { createRequire } from 'node:module';

/** A matrix in the WebAssembly heap: it must be freed with delete(). */
export interface CvMat {
  rows: number;
  cols: number;
  data: Uint8Array;
  data32F: Float32Array;
  data32S: Int32Array;
  type(): number;
  channels(): number;
  delete(): void;
}

export interface CvMatVector {
  size(): number;
  get(index: number): CvMat;
  delete(): void;
}

export interface CvStringVector {
  size(): number;
  get(index: number): string;
  delete(): void;
}

export interface CvQRCodeDetector {
  /** Finds and decodes every QR code; points gets one row of four corners per code (CV_32FC2). */
  detectAndDecodeMulti(
    image: CvMat,
    texts: CvStringVector,
    points: CvMat,
    straight: CvMatVector,
  ): boolean;
  delete(): void;
}

interface CvSize {
  width: number;
  height: number;
}

/** The OpenCV functions and constants that the QR reader and the document scanner call. */
export interface OpenCv {
  Mat: new (...args: unknown[]) => CvMat;
  MatVector: new () => CvMatVector;
  StringVector: new () => CvStringVector;
  QRCodeDetector: new () => CvQRCodeDetector;
  Size: new (width: number, height: number) => CvSize;
  Scalar: new (...values: number[]) => unknown;
  matFromArray(rows: number, cols: number, type: number, values: number[]): CvMat;
  cvtColor(src: CvMat, dst: CvMat, code: number): void;
  GaussianBlur(src: CvMat, dst: CvMat, size: CvSize, sigmaX: number): void;
  Canny(src: CvMat, dst: CvMat, low: number, high: number): void;
  dilate(src: CvMat, dst: CvMat, kernel: CvMat): void;
  findContours(
    src: CvMat,
    contours: CvMatVector,
    hierarchy: CvMat,
    mode: number,
    method: number,
  ): void;
  contourArea(contour: CvMat): number;
  arcLength(contour: CvMat, closed: boolean): number;
  approxPolyDP(contour: CvMat, approx: CvMat, epsilon: number, closed: boolean): void;
  isContourConvex(contour: CvMat): boolean;
  getPerspectiveTransform(src: CvMat, dst: CvMat): CvMat;
  warpPerspective(
    src: CvMat,
    dst: CvMat,
    matrix: CvMat,
    size: CvSize,
    flags: number,
    borderMode: number,
    borderValue: unknown,
  ): void;
  adaptiveThreshold(
    src: CvMat,
    dst: CvMat,
    maxValue: number,
    method: number,
    type: number,
    blockSize: number,
    c: number,
  ): void;
  getStructuringElement(shape: number, size: CvSize): CvMat;
  resize(src: CvMat, dst: CvMat, size: CvSize, fx: number, fy: number, interpolation: number): void;
  CV_8UC1: number;
  CV_8UC4: number;
  CV_32FC2: number;
  COLOR_RGBA2GRAY: number;
  RETR_LIST: number;
  CHAIN_APPROX_SIMPLE: number;
  INTER_LINEAR: number;
  INTER_AREA: number;
  BORDER_REPLICATE: number;
  ADAPTIVE_THRESH_GAUSSIAN_C: number;
  THRESH_BINARY: number;
  MORPH_RECT: number;
}

const REQUIRED_EXPORTS = [
  'Mat',
  'MatVector',
  'StringVector',
  'QRCodeDetector',
  'findContours',
  'approxPolyDP',
  'getPerspectiveTransform',
  'warpPerspective',
  'adaptiveThreshold',
] as const;

function assertExports(cv: Record<string, unknown>): void {
  const missing = REQUIRED_EXPORTS.filter((name) => cv[name] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `OpenCV.js loaded without ${missing.join(', ')}. Reinstall @techstark/opencv-js 4.12.0-release.1, ` +
        'the version this service is pinned to.',
    );
  }
}

interface EmscriptenModule extends Record<string, unknown> {
  then?: (callback: (module: EmscriptenModule) => void) => unknown;
}

let loading: Promise<OpenCv> | undefined;

/**
 * Resolves when the WebAssembly runtime has started, about 1 s on a 2-core machine; later calls
 * share the first load.
 *
 * Two details of the Emscripten build matter here. Its module object has a `then` method that
 * passes the module itself, which has `then` again, so awaiting it directly never settles;
 * the callback removes `then` before resolving. And in Node.js the build installs process-wide
 * `uncaughtException` and `unhandledRejection` listeners that rethrow or abort: those would turn
 * any stray rejection elsewhere into a crash of the whole service, so they are removed again.
 */
export function loadOpenCv(): Promise<OpenCv> {
  loading ??= new Promise<OpenCv>((resolve, reject) => {
    const exceptionListeners = new Set(process.listeners('uncaughtException'));
    const rejectionListeners = new Set(process.listeners('unhandledRejection'));

    // The package is a UMD bundle that assigns module.exports, so require loads it as is.
    const require = createRequire(import.meta.url);
    const module = require('@techstark/opencv-js') as EmscriptenModule;

    for (const listener of process.listeners('uncaughtException')) {
      if (!exceptionListeners.has(listener)) process.removeListener('uncaughtException', listener);
    }
    for (const listener of process.listeners('unhandledRejection')) {
      if (!rejectionListeners.has(listener)) process.removeListener('unhandledRejection', listener);
    }

    // WebAssembly compilation holds no libuv handle, so without a timer an otherwise idle
    // process would exit before the runtime is ready.
    const keepAlive = setInterval(() => undefined, 1_000);
    const ready = (cv: EmscriptenModule): void => {
      clearInterval(keepAlive);
      delete cv.then;
      try {
        assertExports(cv);
        resolve(cv as unknown as OpenCv);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };

    if (typeof module.then === 'function') {
      module.then(ready);
    } else {
      ready(module);
    }
  });
  return loading;
}
