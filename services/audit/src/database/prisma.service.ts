import { Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';

/**
 * The service's only database client: repositories query through it, services open transactions on it.
 * The service kit constructs it on a pg pool and closes it on shutdown.
 */
@Injectable()
export class PrismaService extends PrismaClient {}
