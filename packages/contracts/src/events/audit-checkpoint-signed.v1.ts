import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { AUDIT_CHECKPOINTS_TOPIC } from '../topics';

/** The one chain the audit service keeps; named in every checkpoint it signs. */
export const AUDIT_CHAIN = 'microbank-audit';

export const AuditCheckpointSignedV1 = defineEvent({
  type: 'AuditCheckpointSigned',
  version: 1,
  topic: AUDIT_CHECKPOINTS_TOPIC,
  key: 'chain',
  description:
    "The audit service vouches for its hash chain up to `sequence`: `headHash` is that record's chain hash, and " +
    '`signature` is Ed25519 over the canonical JSON of `{ chain, sequence, headHash }` (keys sorted, no spaces). ' +
    'Kept on a topic of its own, outside the audit database, so a truncated table or a recomputed chain is caught.',
  payload: z.strictObject({
    chain: z.literal(AUDIT_CHAIN),
    sequence: z.string().regex(/^[1-9]\d{0,18}$/, 'a record sequence (a positive integer as a string)'),
    headHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex'),
    signature: z.base64().describe('Ed25519 signature, base64'),
  }),
  example: {
    chain: AUDIT_CHAIN,
    sequence: '1000',
    headHash: '9f2c4a1b7d3e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
    signature: 'c2lnbmF0dXJlIG9mIDY0IGJ5dGVzIGJ5IHRoZSBhdWRpdCBzZXJ2aWNlJ3MgRWQyNTUxOSBrZXkuLi4uLi4uLi4uLi4uLi4=',
  },
});
