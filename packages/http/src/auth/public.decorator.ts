import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'microbank:public';

/** Opens a route to callers without a token (signup, login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
