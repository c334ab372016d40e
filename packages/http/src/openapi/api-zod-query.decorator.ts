import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { z } from 'zod';
import { openApiSchemaOf } from './openapi-schema';

/** Documents each field of a zod-validated query object as a query parameter, from the schema that validates it. */
export function ApiZodQuery(schema: z.ZodObject) {
  const object = openApiSchemaOf(schema, 'input');
  const required = new Set(object.required ?? []);
  return applyDecorators(
    ...Object.entries(object.properties ?? {}).map(([name, property]) => {
      const { description, ...fieldSchema } = property as SchemaObject;
      return ApiQuery({
        name,
        required: required.has(name),
        schema: fieldSchema,
        ...(description ? { description } : {}),
      });
    }),
  );
}
