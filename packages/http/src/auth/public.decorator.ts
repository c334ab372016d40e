import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'microbank:public';
// read and removed by completeOpenApiDocument, which leaves exactly these operations without a security requirement
export const PUBLIC_OPERATION_EXTENSION = 'x-microbank-public';

/** Opens a route to callers without a token (signup, login, health). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
