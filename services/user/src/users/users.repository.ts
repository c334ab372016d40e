import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Prisma, Role, User } from '../generated/prisma/client';

export interface NewUser {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly fullName: string;
  readonly country: string;
  readonly role: Role;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates the user, or returns undefined when the email is taken. */
  async create(tx: Prisma.TransactionClient, user: NewUser): Promise<User | undefined> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO app_user (id, email, password_hash, full_name, country, role)
      VALUES (${user.id}::uuid, ${user.email}, ${user.passwordHash}, ${user.fullName}, ${user.country}, ${user.role}::"Role")
      ON CONFLICT (email) DO NOTHING
      RETURNING id`;
    return rows.length ? tx.user.findUniqueOrThrow({ where: { id: user.id } }) : undefined;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }
}
