import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { instantParam } from '../database/columns';
import { ClosureDay } from '../rota/closure-day.entity';
import { OpeningHours } from './opening-hours.entity';
import { ServiceBooking } from './service-booking.entity';

@Injectable()
export class BookingsRepository {
  findOpeningHours(em: EntityManager, enterpriseId: string): Promise<OpeningHours[]> {
    return em.find(OpeningHours, { where: { enterpriseId }, order: { weekday: 'ASC', opensAt: 'ASC' } });
  }

  /** Closure days of the enterprise, or of its whole site, between two London dates (inclusive), with reasons. */
  async findClosures(em: EntityManager, siteId: string, enterpriseId: string, from: string, to: string): Promise<Map<string, string>> {
    const rows = await em
      .createQueryBuilder(ClosureDay, 'c')
      .where('c.siteId = :siteId', { siteId })
      .andWhere(new Brackets((b) => b.where('c.enterpriseId = :enterpriseId', { enterpriseId }).orWhere('c.enterpriseId IS NULL')))
      .andWhere('c.date >= :from AND c.date <= :to', { from, to })
      .getMany();
    return new Map(rows.map((c) => [c.date, c.reason]));
  }

  /** Start instants of the live bookings of a service in [fromAt, toAt). */
  async findBookedStarts(em: EntityManager, serviceId: string, fromAt: Date, toAt: Date): Promise<Date[]> {
    const rows = await em
      .createQueryBuilder(ServiceBooking, 'b')
      .select(['b.startAt'])
      .where('b.serviceId = :serviceId AND b.status = :status', { serviceId, status: 'BOOKED' })
      .andWhere('b.startAt >= :fromAt AND b.startAt < :toAt', { fromAt: instantParam(fromAt), toAt: instantParam(toAt) })
      .getMany();
    return rows.map((r) => new Date(r.startAt));
  }

  countLiveInSlot(em: EntityManager, serviceId: string, startAt: Date): Promise<number> {
    return em
      .createQueryBuilder(ServiceBooking, 'b')
      .where('b.serviceId = :serviceId AND b.status = :status AND b.startAt = :startAt', { serviceId, status: 'BOOKED', startAt: instantParam(startAt) })
      .getCount();
  }

  findBookings(em: EntityManager, f: { customerUserId?: string; enterpriseIds?: string[] | null; fromAt?: Date; toAt?: Date }): Promise<ServiceBooking[]> {
    const q = em.createQueryBuilder(ServiceBooking, 'b');
    if (f.customerUserId) q.andWhere('b.customerUserId = :customerUserId', { customerUserId: f.customerUserId });
    if (f.enterpriseIds) {
      if (!f.enterpriseIds.length) return Promise.resolve([]);
      q.andWhere('b.enterpriseId IN (:...enterpriseIds)', { enterpriseIds: f.enterpriseIds });
    }
    if (f.fromAt) q.andWhere('b.startAt >= :fromAt', { fromAt: instantParam(f.fromAt) });
    if (f.toAt) q.andWhere('b.startAt < :toAt', { toAt: instantParam(f.toAt) });
    return q.orderBy('b.startAt', 'ASC').limit(500).getMany();
  }
}
