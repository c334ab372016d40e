import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

// the migrator's bookkeeping, and events this service has still to publish: neither is rebuilt from the log
const KEPT_TABLES = ['_prisma_migrations', 'outbox_event'];

/** Every table the consumers fill: the read models, and the inbox that would otherwise skip the replay. */
@Injectable()
export class ReadModelsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Empties every table of the service's schema but KEPT_TABLES, in one transaction. The list is read from the
   * catalog, so a read model added later is rebuilt too without being named here.
   */
  async truncateAll(): Promise<string[]> {
    return this.prisma.$transaction(async (tx) => {
      const tables = await tx.$queryRaw<{ name: string; quoted: string }[]>`
        SELECT tablename AS name, quote_ident(tablename) AS quoted FROM pg_tables
        WHERE schemaname = current_schema() AND tablename <> ALL(${KEPT_TABLES}::text[])
        ORDER BY tablename`;
      if (tables.length === 0) return [];
      // identifiers cannot be parameters; quote_ident made them safe. RESTART IDENTITY: ids as on the first build
      await tx.$executeRawUnsafe(`TRUNCATE TABLE ${tables.map((t) => t.quoted).join(', ')} RESTART IDENTITY`);
      return tables.map((t) => t.name);
    });
  }
}
