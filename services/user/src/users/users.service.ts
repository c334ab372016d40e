import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UserSignedUpV1, createEvent } from '@microbank/contracts';
import { ProblemException, currentCorrelationId } from '@microbank/http';
import { OutboxWriter } from '@microbank/messaging';
import type { SignUpDto } from './dto/sign-up.dto';
import { PasswordHasher } from './password-hasher';
import { toUserView, type UserView } from './user.view';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Signs a customer up; the user row and UserSignedUp commit together, so the account service always hears of it. */
  async signUp(dto: SignUpDto): Promise<UserView> {
    const email = dto.email.toLowerCase();
    const passwordHash = await this.hasher.hash(dto.password);
    const id = randomUUID();
    return this.users.transaction(async (tx) => {
      const user = await this.users.create(tx, {
        id,
        email,
        passwordHash,
        fullName: dto.fullName,
        country: dto.country,
        role: 'customer',
      });
      if (!user)
        throw new ProblemException(409, 'Email already registered', `${email} already has an account.`, {
          type: 'email-taken',
        });
      const event = createEvent(
        UserSignedUpV1,
        user.id,
        { userId: user.id, email, fullName: user.fullName, country: user.country },
        { source: 'user', correlationId: currentCorrelationId() },
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
