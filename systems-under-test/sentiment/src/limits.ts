/** Input limits of POST /sentiment, shared by the validator, the error messages and GET /health. */

/** Longest accepted text, in Unicode code points (an emoji with a skin tone counts as 2). */
export const MAX_TEXT_LENGTH = 2000;

/** Largest number of texts in one batch request. */
export const MAX_BATCH_SIZE = 100;

/**
 * Maximum request body, 3 MiB, so that every valid request fits. A client that escapes every
 * character outside ASCII (Python's json.dumps does by default) writes an emoji as 12 bytes
 * ("\ud83d\ude00"), and 100 texts of 2,000 such code points take 2.4 MB.
 */
export const BODY_LIMIT_BYTES = 3 * 1024 * 1024;

/** Maximum number of entries in an error's `details`; the message gives the total. */
export const MAX_ERROR_DETAILS = 20;
