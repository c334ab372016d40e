import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemException, Problems, Public } from '@microbank/http';
import type { DashboardConfig } from '../config';
import { InjectDashboardConfig } from '../dashboard-config.token';
import { UiAssets } from './ui-assets';

/** The built front end (public: the page itself holds no data; it logs in, then calls /api with the token). */
@ApiExcludeController()
@Public()
@Controller()
export class UiAssetsController {
  constructor(
    private readonly assets: UiAssets,
    @InjectDashboardConfig() private readonly config: DashboardConfig,
  ) {}

  @Get()
  index(@Res() reply: FastifyReply): void {
    this.send(reply, 'index.html');
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    this.send(reply, name);
  }

  /** What the page needs before anyone logs in: where to log in. */
  @Get('config.json')
  browserConfig(): { loginUrl: string } {
    return { loginUrl: this.config.DASHBOARD_LOGIN_URL };
  }

  private send(reply: FastifyReply, name: string): void {
    if (!this.assets.built) {
      throw new ProblemException(
        503,
        'Front end not built',
        'Run `pnpm --filter @microbank/dashboard-service bundle`.',
        {
          type: 'front-end-not-built',
        },
      );
    }
    const asset = this.assets.get(name);
    if (!asset) throw Problems.notFound(`The asset ${name}`);
    void reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  }
}
