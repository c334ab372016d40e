import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UserSignedUpV1, createEvent, type Origin } from '@microbank/contracts';
import { DomainError } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import { InjectConfig } from '@microbank/service-kit';
import type { UserConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import { ThrottleRepository } from '../throttle/throttle.repository';
import type { SignUpDto } from './dto/sign-up.dto';
import { PasswordHasher } from './password-hasher';
import { toUserView, type UserView } from './user-view';
import { UsersRepository } from './users.repository';

const SIGNUP_WINDOW_SECONDS = 15 * 60;

@Injectable()
export class UsersService {
  constructor(
    @InjectConfig() private readonly config: UserConfig,
    private readonly prisma: PrismaService,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxWriter,
    private readonly throttle: ThrottleRepository,
  ) {}

  /**
   * Signs a customer up; the user row and UserSignedUp commit together, so the account service always hears of it.
   * Each client address gets a few signups per window, counted before the costly hash.
   */
  async signUp(dto: SignUpDto, address: string, origin: Origin): Promise<UserView> {
    const retryAfter = await this.throttle.admit(
      [{ key: `signup:${address}`, limit: this.config.SIGNUPS_PER_ADDRESS }],
      SIGNUP_WINDOW_SECONDS,
    );
    if (retryAfter !== undefined) {
      throw DomainError.throttled(
        'Too many signups',
        `Try again in ${retryAfter} seconds.`,
        retryAfter,
        'signup-throttled',
      );
    }
    const email = dto.email.toLowerCase();
    const passwordHash = await this.hasher.hash(dto.password);
    const id = randomUUID();
    return this.prisma.$transaction(async (tx) => {
      const user = await this.users.create(tx, {
        id,
        email,
        passwordHash,
        fullName: dto.fullName,
        country: dto.country,
        role: 'customer',
      });
      if (!user)
        throw DomainError.conflict('Email already registered', `${email} already has an account.`, 'email-taken');
      const event = createEvent(
        UserSignedUpV1,
        user.id,
        { userId: user.id, email, fullName: user.fullName, country: user.country },
        { source: 'user', ...origin },
      );
      await this.outbox.add(tx, event);
      return toUserView(user);
    });
  }

  async me(userId: string): Promise<UserView | undefined> {
    const user = await this.users.findById(userId);
    return user ? toUserView(user) : undefined;
  }
}
