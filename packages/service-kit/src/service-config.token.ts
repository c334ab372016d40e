import { Inject } from '@nestjs/common';

/** The service's parsed configuration (its own type, which extends ServiceConfig). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Injects the service's configuration: `@InjectConfig() private readonly config: AccountConfig`. */
export const InjectConfig = () => Inject(SERVICE_CONFIG);
