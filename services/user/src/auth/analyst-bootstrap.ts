import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConfig } from '@microbank/service-kit';
import type { UserConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';

/** Creates the first analyst from configuration at start-up: nobody becomes staff through the public API. */
@Injectable()
export class AnalystBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalystBootstrap.name);

  constructor(
    @InjectConfig() private readonly config: UserConfig,
    private readonly prisma: PrismaService,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ANALYST_EMAIL: email, ANALYST_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const passwordHash = await this.hasher.hash(password);
    const created = await this.prisma.$transaction((tx) =>
      this.users.create(tx, {
        id: randomUUID(),
        email: email.toLowerCase(),
        passwordHash,
        fullName: 'Analyst',
        country: 'GB',
        role: 'analyst',
      }),
    );
    if (created) this.logger.log(`created the first analyst, ${created.email}`);
  }
}
