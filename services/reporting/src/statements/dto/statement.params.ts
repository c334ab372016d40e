import { z } from 'zod';
import { monthSchema } from '../../calendar/calendar';

/** GET /v1/accounts/:id/statements/:month; an id that is no uuid is an unknown account (404), not a bad request. */
export const statementParamsSchema = z.object({ id: z.string(), month: monthSchema });
export type StatementParams = z.infer<typeof statementParamsSchema>;
