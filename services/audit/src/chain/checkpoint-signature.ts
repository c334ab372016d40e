import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AUDIT_CHAIN } from '@microbank/contracts';
import { canonicalJson } from './canonical-json';

/** What a checkpoint vouches for: the chain's hash at one sequence. */
export interface CheckpointClaim {
  readonly sequence: string;
  readonly headHash: string;
}

function signedBytes(claim: CheckpointClaim): Buffer {
  return Buffer.from(canonicalJson({ chain: AUDIT_CHAIN, sequence: claim.sequence, headHash: claim.headHash }));
}

/** Ed25519 over the canonical JSON of { chain, sequence, headHash }; base64. */
export function signCheckpoint(claim: CheckpointClaim, privateKey: KeyObject): string {
  return sign(null, signedBytes(claim), privateKey).toString('base64');
}

export function checkpointSignatureValid(claim: CheckpointClaim, signature: string, publicKey: KeyObject): boolean {
  return verify(null, signedBytes(claim), publicKey, Buffer.from(signature, 'base64'));
}

/** The public half of a signing key, to verify with. */
export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}
