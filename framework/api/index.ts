export { createApiClient, type ApiClient, type ApiExchange } from './api-client.ts';
export { toMatchSchema } from './schema-matcher.ts';
export {
  checkSchema,
  createAjv,
  describeSchema,
  type SchemaCheck,
  type SchemaViolation,
} from './schema-validator.ts';
