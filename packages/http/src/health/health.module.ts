import { Controller, Get, Inject, Logger, Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { ApiZodResponse } from '../openapi/api-zod-response.decorator';
import { ProblemException } from '../problem.exception';

/** Throws when the dependency is not usable; may return figures worth showing (e.g. a relay's lag). */
export type HealthCheck = () => Promise<void | object>;
type CheckResult = 'ok' | object;
const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
const liveSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.literal('ok'),
  checks: z.record(z.string(), z.union([z.literal('ok'), z.record(z.string(), z.unknown())])),
});

@ApiTags('health')
@Public()
@Controller('health')
class HealthController {
  private readonly logger = new Logger('health');

  constructor(@Inject(HEALTH_CHECKS) private readonly checks: Record<string, HealthCheck>) {}

  /** The process is up; restart it only when this fails. */
  @Get('live')
  @ApiZodResponse(200, liveSchema, 'The process is up')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Dependencies answer; take the instance out of rotation while this fails. */
  @Get('ready')
  @ApiZodResponse(200, readySchema, 'Every dependency answers; some checks show figures (e.g. outbox lag)')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, CheckResult> }> {
    const results = await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        try {
          const details = await check();
          return [name, { ok: details ?? 'ok' }] as const;
        } catch (error) {
          // the driver's own words (hosts, users, versions) go to the log, not to whoever asks
          this.logger.warn({ message: 'readiness check failed', check: name, error: String(error) });
          return [name, { failed: true }] as const;
        }
      }),
    );
    const failing = results.flatMap(([name, result]) => ('failed' in result ? [name] : []));
    if (failing.length) {
      throw new ProblemException(503, 'Not ready', `Unavailable: ${failing.join(', ')}.`, { type: 'not-ready' });
    }
    return {
      status: 'ok',
      checks: Object.fromEntries(results.map(([name, result]) => [name, 'ok' in result ? result.ok : 'ok'])),
    };
  }
}

export interface HealthOptions {
  /** Providers the checks need, e.g. the PrismaService and the KAFKA client. */
  readonly inject?: InjectionToken[];
  readonly checks: (...dependencies: never[]) => Record<string, HealthCheck>;
}

@Module({})
export class HealthModule {
  /** `GET /health/live` and `GET /health/ready`, which runs every check (503 problem when one fails). */
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: HEALTH_CHECKS, useFactory: options.checks, inject: options.inject ?? [] }],
    };
  }
}
