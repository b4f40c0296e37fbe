/**
 * Limits that keep one request from taking the service down. Each is checked before the work
 * that it protects: the body size while reading the request, the dimensions from the image
 * header before any pixel is decoded, the output size before sharp allocates it.
 */

/** Largest request body: 8 MiB, enough for a 12-megapixel JPEG photo from a phone. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/**
 * Largest image by pixel count: 24 megapixels. A decoded RGBA image of that size takes 96 MiB,
 * so two requests in flight stay under 200 MiB of pixel memory. A PNG of 20,000 × 20,000 black
 * pixels compresses to about 50 KB; without this limit it would decode to 1.6 GB.
 */
export const MAX_INPUT_PIXELS = 24_000_000;

/** Maximum side of an input image, whatever its pixel count (a 100,000 × 10 strip is rejected). */
export const MAX_INPUT_SIDE = 12_000;

/** Maximum side of an output image (resize, rotate, scan). */
export const MAX_OUTPUT_SIDE = 8_192;

/** Largest output image by pixel count, the same budget as the input. */
export const MAX_OUTPUT_PIXELS = MAX_INPUT_PIXELS;

/**
 * Longest side that the QR reader and the document scanner work on. Larger images are scaled
 * down first and the corners scaled back up: both detectors gain nothing from more pixels than
 * a 2-megapixel view holds, and the OpenCV heap stays small.
 */
export const MAX_ANALYSIS_SIDE = 1_600;

/** Requests processed at once. Two cores, so a third image would only wait for CPU time. */
export const MAX_CONCURRENT_JOBS = 2;

/** Requests allowed to wait for a free slot; one more gets 429 instead of holding its body in memory. */
export const MAX_QUEUED_JOBS = 16;
