/**
 * The vision service's contract as its consumers rely on it, written independently of the
 * service's code: a contract test that imported the provider's types would pass whatever the
 * provider changed.
 */
const point = {
  type: 'object',
  required: ['x', 'y'],
  additionalProperties: false,
  properties: { x: { type: 'number' }, y: { type: 'number' } },
};

const corners = {
  type: 'object',
  required: ['topLeft', 'topRight', 'bottomRight', 'bottomLeft'],
  additionalProperties: false,
  properties: { topLeft: point, topRight: point, bottomRight: point, bottomLeft: point },
};

export const errorSchema = {
  $id: 'vision/error',
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message', 'details'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', minLength: 1 },
    code: { type: 'string', pattern: '^[A-Z_]+$' },
    message: { type: 'string', minLength: 20 },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        additionalProperties: false,
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

export const healthSchema = {
  $id: 'vision/health',
  type: 'object',
  required: ['status', 'opencv', 'uptimeSeconds', 'jobs', 'limits'],
  additionalProperties: false,
  properties: {
    status: { const: 'ok' },
    opencv: { const: 'ready' },
    uptimeSeconds: { type: 'number', minimum: 0 },
    jobs: {
      type: 'object',
      required: ['running', 'queued'],
      properties: {
        running: { type: 'integer', minimum: 0 },
        queued: { type: 'integer', minimum: 0 },
      },
    },
    limits: {
      type: 'object',
      required: ['maxUploadBytes', 'maxInputPixels', 'maxInputSide', 'maxOutputSide'],
      properties: {
        maxUploadBytes: { const: 8 * 1024 * 1024 },
        maxInputPixels: { const: 24_000_000 },
        maxInputSide: { const: 12_000 },
        maxOutputSide: { const: 8_192 },
      },
    },
  },
};

export const qrResponseSchema = {
  $id: 'vision/qr-response',
  type: 'object',
  required: ['width', 'height', 'codes', 'engines'],
  additionalProperties: false,
  properties: {
    width: { type: 'integer', minimum: 1 },
    height: { type: 'integer', minimum: 1 },
    codes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['text', 'corners', 'foundBy'],
        additionalProperties: false,
        properties: {
          text: { type: 'string', minLength: 1 },
          corners,
          foundBy: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { enum: ['jsqr', 'opencv'] },
          },
        },
      },
    },
    engines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['engine', 'codes'],
        additionalProperties: false,
        properties: {
          engine: { enum: ['jsqr', 'opencv'] },
          codes: { type: 'integer', minimum: 0 },
          error: { type: 'string' },
        },
      },
    },
  },
};

export const scanResponseSchema = {
  $id: 'vision/scan-response',
  type: 'object',
  required: ['corners', 'width', 'height', 'channels', 'image'],
  additionalProperties: false,
  properties: {
    corners,
    width: { type: 'integer', minimum: 1 },
    height: { type: 'integer', minimum: 1 },
    channels: { enum: [1, 3] },
    image: { type: 'string', pattern: '^data:image/png;base64,[A-Za-z0-9+/]+=*$' },
  },
};
