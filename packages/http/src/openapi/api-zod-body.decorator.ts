import { ApiBody } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchemaOf } from './openapi-schema';

/** Documents a zod-validated body in the OpenAPI document, from the same schema that validates it. */
export const ApiZodBody = (schema: z.ZodType) => ApiBody({ schema: openApiSchemaOf(schema, 'input') });
