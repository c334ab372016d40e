import { ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchemaOf } from './openapi-schema';

/** Documents a route's success body from the zod schema of what it returns. */
export const ApiZodResponse = (status: number, schema: z.ZodType, description: string) =>
  ApiResponse({ status, description, schema: openApiSchemaOf(schema, 'output') });
