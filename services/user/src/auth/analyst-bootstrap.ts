import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { USER_CONFIG, type UserConfig } from '../config';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';

/** Creates the first analyst from configuration at start-up: nobody becomes staff through the public API. */
@Injectable()
export class AnalystBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalystBootstrap.name);

  constructor(
    @Inject(USER_CONFIG) private readonly config: UserConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ANALYST_EMAIL: email, ANALYST_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const passwordHash = await this.hasher.hash(password);
    const created = await this.users.transaction((tx) =>
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
