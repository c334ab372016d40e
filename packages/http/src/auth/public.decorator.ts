import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'microbank:public';
// read and removed by completeOpenApiDocument, which leaves exactly these operations without a security requirement
export const PUBLIC_OPERATION_EXTENSION = 'x-microbank-public';

/** Opens a route to callers without a token (signup, login, health). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));

/**
 * For a route whose own guard checks a bearer credential other than a customer's token (a card network's key):
 * the JWT guard steps aside, and the OpenAPI document still says the route needs a bearer token.
 */
export const OtherBearerCredential = () => SetMetadata(IS_PUBLIC, true);
