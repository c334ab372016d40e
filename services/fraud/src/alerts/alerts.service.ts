import { Injectable } from '@nestjs/common';
import { createEvent, FraudAlertResolvedV1, type AlertResolution, type Origin } from '@microbank/contracts';
import { DomainError, type Actor } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import { CustomersRepository } from '../customers/customers.repository';
import { PrismaService } from '../database/prisma.service';
import type { Alert } from '../generated/prisma/client';
import { toAlertView, toEvidenceEvents, type AlertDetailView, type AlertView } from './alert-view';
import { AlertsRepository } from './alerts.repository';
import type { ListAlertsQuery } from './dto/list-alerts.query';

export interface AlertPage {
  items: AlertView[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reading and resolving alerts: analysts see and resolve all of them, a customer only reads their own. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly alerts: AlertsRepository,
    private readonly customers: CustomersRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(actor: Actor, query: ListAlertsQuery): Promise<AlertPage> {
    if (actor.role !== 'analyst' && query.userId !== undefined && query.userId !== actor.userId) {
      return { items: [], nextCursor: null };
    }
    const rows = await this.alerts.list(
      {
        status: query.status,
        severity: query.severity,
        rule: query.rule,
        userId: actor.role === 'analyst' ? query.userId : actor.userId,
        beforeSeq: query.cursor === undefined ? undefined : BigInt(query.cursor),
      },
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: await this.views(page),
      nextCursor: rows.length > query.limit ? page[page.length - 1]!.seq.toString() : null,
    };
  }

  async get(actor: Actor, id: string): Promise<AlertDetailView> {
    const alert = await this.readable(actor, id);
    const { postings, attempts } = await this.alerts.evidence(alert.evidence);
    const [view] = await this.views([alert]);
    return { ...view!, evidenceEvents: toEvidenceEvents(postings, attempts) };
  }

  /** Closes an open alert; the Card and Account services lift a freeze it caused when it was a false positive. */
  async resolve(
    actor: Actor,
    id: string,
    resolution: AlertResolution,
    note: string | null,
    origin: Origin,
  ): Promise<AlertView> {
    if (actor.role !== 'analyst') {
      throw DomainError.forbidden('Only bank staff (analysts) resolve fraud alerts.');
    }
    if (!UUID.test(id)) throw DomainError.notFound(`The alert ${id}`);
    const resolved = await this.prisma.$transaction(async (tx) => {
      const alert = await this.alerts.findForUpdate(tx, id);
      if (!alert) throw DomainError.notFound(`The alert ${id}`);
      if (alert.status !== 'open') {
        throw DomainError.conflict(
          'Alert already resolved',
          `This alert was resolved as ${alert.status} on ${alert.resolvedAt?.toISOString()}.`,
          'alert-already-resolved',
        );
      }
      const updated = await this.alerts.resolve(tx, id, resolution, actor.userId, note);
      await this.outbox.add(
        tx,
        createEvent(
          FraudAlertResolvedV1,
          updated.accountId,
          {
            alertId: updated.id,
            accountId: updated.accountId,
            cardId: updated.cardId,
            resolution,
            resolvedBy: actor.userId,
            note,
          },
          { source: 'fraud', ...origin },
        ),
      );
      return updated;
    });
    const [view] = await this.views([resolved]);
    return view!;
  }

  /** Alert rows as views, with the customers' names. */
  async views(alerts: readonly Alert[]): Promise<AlertView[]> {
    const names = await this.customers.namesOf(alerts.map((a) => a.userId));
    return alerts.map((a) => toAlertView(a, names.get(a.userId) ?? null));
  }

  // a customer asking for someone else's alert learns nothing: the same 404 as for none at all
  private async readable(actor: Actor, id: string): Promise<Alert> {
    const alert = UUID.test(id) ? await this.alerts.findById(id) : null;
    if (!alert || (actor.role !== 'analyst' && alert.userId !== actor.userId)) {
      throw DomainError.notFound(`The alert ${id}`);
    }
    return alert;
  }
}
